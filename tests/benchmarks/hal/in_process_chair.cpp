#include "in_process_chair.hpp"

#include <spdlog/spdlog.h>

#include "profile/profile_loader.hpp"
#include "support/source_tree.hpp"

namespace bench {
namespace {

std::filesystem::path ra1_profile() { return test_support::kConfigDir / "profiles" / "ra1.toml"; }

sim::ChairConfig ra1_chair() {
  // The simulator's connection notices would interleave with the results.
  spdlog::set_level(spdlog::level::warn);
  sim::ChairConfig config;
  config.profile = hal::load_profile(ra1_profile());
  return config;
}

}  // namespace

InProcessChair::InProcessChair(InProcessChairOptions options)
    : options_(options),
      chair_(ra1_chair()),
      physics_([this](std::chrono::nanoseconds elapsed) { chair_.advance(elapsed); }) {
  if (options_.link == Link::tcp) {
    tcp_ = std::make_unique<sim::ModbusTcpServer>(witness_, faults_, "127.0.0.1", 0);
    host_ = tcp_->host();
    port_ = tcp_->port();
  } else {
    sim::RtuServerOptions rtu;
    rtu.device = dir_ / "ttyBENCH0";
    rtu.line = line_timing();
    rtu_ = std::make_unique<sim::ModbusRtuServer>(witness_, faults_, rtu);
  }
}

InProcessChair::~InProcessChair() = default;

sim::SerialLineTiming InProcessChair::line_timing() const {
  sim::SerialLineTiming line;
  line.baud = options_.baud;
  line.parity = hal::Parity::even;
  line.stop_bits = 1;
  return line;
}

hal::BusConfig InProcessChair::bus_config(std::chrono::milliseconds response_timeout) const {
  hal::BusConfig config;
  config.name = "bench";
  if (tcp_) {
    config.link = hal::TcpEndpoint{host_, port_};
  } else {
    hal::RtuLine line;
    line.device = rtu_->device();
    line.baud = options_.baud;
    line.parity = hal::Parity::even;
    config.link = line;
  }
  config.profile_path = ra1_profile();
  config.profile = chair_.profile();
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) config.axes.push_back({kind, unit++});
  config.response_timeout = response_timeout;
  return config;
}

}  // namespace bench
