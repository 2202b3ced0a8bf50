#include "tests/daemon/control/chair_rig.hpp"

#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"

namespace control_test {
namespace {

const std::filesystem::path kProfile =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "config" / "profiles" / "ra1.toml";

hal::BusConfig bus_to(hal::BusLink link, const hal::ActuatorProfile& profile,
                      std::chrono::milliseconds comm_timeout) {
  hal::BusConfig bus;
  bus.name = "main";
  bus.link = std::move(link);
  bus.profile = profile;
  bus.profile_path = kProfile;
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) bus.axes.push_back({kind, unit++});
  bus.drive_comm_timeout = comm_timeout;
  return bus;
}

// Longer than any exchange of five drives can take, timeouts included.
constexpr std::chrono::microseconds kExchangeBudget{std::chrono::seconds(2)};

}  // namespace

void SteppedTime::wait_until(hal::Clock::time_point deadline) {
  drives_->serve_pending_stops();
  const auto step = deadline - clock_->now();
  if (step <= std::chrono::nanoseconds{0}) return;
  chair_->advance(step);
  clock_->advance(step);
}

ChairRig::ChairRig(RigOptions options) : options_(std::move(options)) {
  const auto profile = hal::load_profile(kProfile);
  sim::ChairConfig chair;
  chair.profile = profile;
  chair.body = options_.body;
  chair.power_up = options_.power_up;
  chair_ = std::make_unique<sim::SimulatedChair>(chair);
  if (options_.link == RigLink::tcp) {
    server_ = std::make_unique<sim::ModbusTcpServer>(*chair_, faults_, "127.0.0.1", 0);
    port_ = server_->port();
    link_ = hal::TcpEndpoint{"127.0.0.1", port_};
  } else {
    responder_ = std::make_unique<sim::PduResponder>(*chair_);
    link_ = hal::InMemoryLink{[this](int unit, std::span<const std::uint8_t> request) {
                                return answer_in_memory(unit, request);
                              },
                              "simulated chair"};
  }
  start_daemon();
}

void ChairRig::start_daemon() {
  const auto& profile = chair_->profile();
  drives_ = std::make_unique<hal::ChairDrives>(
      std::vector<hal::BusConfig>{bus_to(link_, profile, options_.drive_comm_timeout)}, clock_);
  control::ControllerSettings settings;
  settings.limits = options_.limits;
  settings.comm_loss_cycles = options_.comm_loss_cycles;
  settings.calibration = options_.calibration;
  controller_ = std::make_unique<control::ChairController>(*drives_, clock_, settings);
  waiter_ = std::make_unique<SteppedTime>(clock_, *chair_, *drives_);
  // Simulated time stands still during the exchange: a busy test machine must not turn a slow
  // scheduler into an overrun of the bus.
  loop_ = std::make_unique<control::ControlLoop>(
      *controller_, clock_, *waiter_,
      std::chrono::nanoseconds(std::chrono::seconds(1)) / options_.rate_hz, kExchangeBudget);
}

void ChairRig::restart_daemon() {
  loop_.reset();
  controller_.reset();
  drives_.reset();
  // Dead for a second: the drives, their master silent, stop on their own (COMM_TIMEOUT).
  const std::chrono::nanoseconds dead = std::chrono::seconds(1);
  chair_->advance(dead);
  clock_.advance(dead);
  start_daemon();
}

ChairRig::~ChairRig() {
  // The loop first, then the HAL's bus threads, then the gateway and the chair they talk to.
  loop_.reset();
  controller_.reset();
  drives_.reset();
  server_.reset();
}

control::CycleHealth ChairRig::cycle() { return loop_->run_cycle(); }

void ChairRig::run_for(std::chrono::nanoseconds duration) {
  const auto end = clock_.now() + duration;
  while (clock_.now() < end) cycle();
}

bool ChairRig::run_until(const std::function<bool()>& done, std::chrono::nanoseconds limit) {
  const auto end = clock_.now() + limit;
  while (clock_.now() < end) {
    cycle();
    if (done()) return true;
  }
  return false;
}

control::CommandReply ChairRig::answer(std::future<control::CommandReply> reply,
                                       std::chrono::nanoseconds limit) {
  const auto ready = [&reply] {
    return reply.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  };
  if (!run_until(ready, limit)) return {false, "no answer within the rig's limit"};
  return reply.get();
}

bool ChairRig::bring_to_ready() {
  const auto drives_ready = [this] {
    const auto s = controller_->status();
    return s.state == control::ChairState::starting && s.cause.starts_with("the drives are ready");
  };
  if (!run_until(drives_ready, std::chrono::seconds(5))) {
    ADD_FAILURE() << "the drives did not start: " << controller_->status().describe();
    return false;
  }
  const auto reply = answer(controller_->reset());
  if (!reply.accepted) {
    ADD_FAILURE() << "the start-up reset was refused: " << reply.message;
    return false;
  }
  if (!run_until([this] { return state() == control::ChairState::ready; },
                 std::chrono::seconds(60))) {
    ADD_FAILURE() << "the chair did not become ready: " << controller_->status().describe();
    return false;
  }
  return true;
}

void ChairRig::unplug() {
  server_.reset();
  plugged_in_ = false;
}

void ChairRig::plug_in() {
  plugged_in_ = true;
  if (options_.link == RigLink::tcp) {
    server_ = std::make_unique<sim::ModbusTcpServer>(*chair_, faults_, "127.0.0.1", port_);
  }
}

// As the TCP gateway does with each request: the link's faults decide whether the drive sees it
// and whether its answer comes back whole.
sim::Pdu ChairRig::answer_in_memory(int unit, std::span<const std::uint8_t> request) {
  const auto id = static_cast<std::uint8_t>(unit);
  if (!plugged_in_ || request.empty()) return {};
  const auto fate = faults_.next_answer(id);
  if (!fate.reaches_drive) return {};
  auto answer = chair_->has_unit(id)
                    ? responder_->answer(id, request)
                    : sim::exception_pdu(request[0], sim::ModbusException::gateway_target_failed);
  if (!fate.send) return {};
  if (fate.corrupt && !answer.empty()) answer.pop_back();  // a frame cut short
  return answer;
}

bodymap::BodyMap ChairRig::body_map() const {
  const auto body = chair_->body();
  bodymap::ChairGeometry geometry;
  geometry.seat_travel = body.seat_travel;
  return bodymap::BodyMap(body.shoulder_travel, geometry);
}

}  // namespace control_test
