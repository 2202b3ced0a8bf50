#include "daemon/control/chair_control.hpp"

#include <spdlog/spdlog.h>

namespace control {

ChairControl::ChairControl(const massaged::ChairConfig& config, safety::Calibration calibration)
    : rate_(achievable_rate(config.control.rate_hz, config.buses, massaged::kMinRateHz)) {
  if (rate_.lowered) spdlog::warn("{}", *rate_.lowered);
  ControllerSettings settings;
  settings.limits = config.safety;
  settings.comm_loss_cycles = config.control.comm_loss_cycles;
  settings.calibration = std::move(calibration);
  shutdown_patience_ = settings.shutdown_patience;
  drives_ = std::make_unique<hal::ChairDrives>(config.buses, hal::steady_clock());
  controller_ = std::make_unique<ChairController>(*drives_, hal::steady_clock(), settings);
  loop_ = std::make_unique<ControlLoop>(*controller_, hal::steady_clock(), waiter_, rate_.period);
  spdlog::info("control loop: {:.0f} Hz on the chair's {} bus(es)", rate_.rate_hz,
               config.buses.size());
}

ChairControl::~ChairControl() { shut_down(); }

void ChairControl::start(std::function<void(const CycleHealth&)> on_cycle) {
  loop_->on_cycle(std::move(on_cycle));
  thread_ = std::jthread([this](const std::stop_token& stop) { loop_->run(stop); });
}

CommandReply ChairControl::shut_down() {
  if (shut_down_) return {true, "already shut down"};
  shut_down_ = true;
  CommandReply reply{true, "the control loop never ran"};
  if (thread_.joinable()) {
    auto answer = controller_->shut_down();
    // The controller answers within its patience; the margin covers a cycle that overran.
    if (answer.wait_for(shutdown_patience_ + std::chrono::seconds(2)) ==
        std::future_status::ready) {
      reply = answer.get();
    } else {
      reply = {false, "the control loop did not answer the shutdown in time"};
    }
    thread_.request_stop();
    thread_.join();
  } else {
    drives_->quick_stop();
  }
  const auto errors = drives_->deactivate();
  for (const auto& e : errors) spdlog::debug("control: deactivating: {}", e.message());
  drives_->disconnect();
  return reply;
}

}  // namespace control
