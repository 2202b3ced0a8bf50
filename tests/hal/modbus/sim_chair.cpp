#include "sim_chair.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "profile/profile_loader.hpp"
#include "support/source_tree.hpp"

namespace test_support {
namespace {

std::filesystem::path profile_path(const std::string& file) {
  return test_support::kConfigDir / "profiles" / file;
}

std::vector<std::string> sim_args(const SimChairOptions& options) {
  std::vector<std::string> args = {"--profile", profile_path(options.profile).string()};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  return args;
}

}  // namespace

SimChair::SimChair(Link link, SimChairOptions options)
    : link_(link), options_(std::move(options)), sim_(link, sim_args(options_)) {}

hal::BusConfig SimChair::bus_config() const {
  hal::BusConfig config;
  config.name = "main";
  if (link_ == Link::tcp) {
    config.link = hal::TcpEndpoint{sim_.host(), static_cast<std::uint16_t>(sim_.port())};
  } else {
    hal::RtuLine line;
    line.device = sim_.device();
    line.rs485 = true;  // exercises the serial-mode switch, harmless on a pseudo-terminal
    config.link = line;
  }
  config.profile_path = profile_path(options_.profile);
  config.profile = hal::load_profile(config.profile_path);
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) config.axes.push_back({kind, unit++});
  config.response_timeout = options_.response_timeout;
  config.reconnect_backoff_min = std::chrono::milliseconds{50};
  config.reconnect_backoff_max = std::chrono::milliseconds{400};
  return config;
}

nlohmann::json SimChair::state() {
  auto reply = sim_.control({{"cmd", "state"}});
  EXPECT_TRUE(reply.value("ok", false)) << reply.dump();
  return reply;
}

nlohmann::json SimChair::truth(hal::AxisKind axis) {
  return state()["axes"][std::string(hal::to_string(axis))];
}

void SimChair::control(const nlohmann::json& request) {
  const auto reply = sim_.control(request);
  ASSERT_TRUE(reply.value("ok", false)) << request.dump() << " -> " << reply.dump();
}

hal::CycleReport cycle_until(hal::ChairDrives& drives,
                             const std::function<bool(const hal::CycleReport&)>& done,
                             std::chrono::milliseconds timeout, std::chrono::milliseconds budget) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto started = std::chrono::steady_clock::now();
    auto report = drives.cycle(budget);
    if (done(report) || std::chrono::steady_clock::now() >= give_up) return report;
    std::this_thread::sleep_until(started + std::chrono::milliseconds{10});
  }
}

const hal::LinearReading* linear_reading(const hal::CycleReport& report, hal::AxisKind axis) {
  const auto* outcome = report.find(axis);
  if (outcome == nullptr || !outcome->reading) return nullptr;
  return std::get_if<hal::LinearReading>(&*outcome->reading);
}

const hal::RotaryReading* rotary_reading(const hal::CycleReport& report, hal::AxisKind axis) {
  const auto* outcome = report.find(axis);
  if (outcome == nullptr || !outcome->reading) return nullptr;
  return std::get_if<hal::RotaryReading>(&*outcome->reading);
}

const hal::DriveError* error_of(const hal::CycleReport& report, hal::AxisKind axis) {
  const auto* outcome = report.find(axis);
  if (outcome == nullptr || outcome->reading) return nullptr;
  return &outcome->reading.error();
}

std::string describe(const hal::CycleReport& report) {
  std::string text;
  for (const auto& a : report.axes) {
    text += std::string(hal::to_string(a.axis)) + ": " +
            (a.reading ? std::string("ok") : a.reading.error().message()) + "\n";
  }
  return text;
}

std::string describe(const std::vector<hal::DriveError>& errors) {
  std::string text;
  for (const auto& e : errors) text += e.message() + "\n";
  return text;
}

}  // namespace test_support
