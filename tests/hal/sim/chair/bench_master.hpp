#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "profile/drive_codec.hpp"
#include "profile/profile_loader.hpp"
#include "sim/chair/simulated_chair.hpp"

// A Modbus master on the test bench: it builds raw register words through hal::DriveCodec and
// calls the chair exactly as a transport would, so the tests see the drives as the daemon will.
namespace sim::testing {

using namespace std::chrono_literals;

inline double seconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

inline hal::ActuatorProfile load_shipped_profile(const std::string& file) {
  return hal::load_profile(std::string(MASSAGED_SOURCE_DIR) + "/config/profiles/" + file);
}

inline ChairConfig ra1_chair() {
  ChairConfig config;
  config.profile = load_shipped_profile("ra1.toml");
  return config;
}

class BenchMaster {
 public:
  BenchMaster(SimulatedChair& chair, hal::AxisKind axis)
      : chair_(&chair), codec_(chair.profile(), axis), unit_(chair.unit_of(axis)) {}

  [[nodiscard]] const hal::DriveCodec& codec() const { return codec_; }
  [[nodiscard]] const hal::ActuatorProfile& profile() const { return codec_.profile(); }
  [[nodiscard]] std::uint8_t unit() const { return unit_; }

  // CONTROL, SETPOINT and HEARTBEAT in one function 16, as the daemon writes them each cycle.
  std::optional<ModbusException> command(const hal::ControlWord& control, double setpoint) {
    hal::DriveCommandValues values{.control = control, .setpoint = setpoint, .heartbeat = ++beat_};
    const auto image = codec_.encode_command(values);
    const std::vector<std::uint16_t> words(image.words().begin(), image.words().end());
    return chair_->write(unit_, image.range().start, words);
  }

  // One register (one or two words, in the profile's word order), as counts.
  std::optional<ModbusException> write_counts(const hal::RegisterSpec& spec, std::int64_t counts) {
    hal::RegisterImage image({spec.address, spec.words}, profile().word_order);
    image.set(spec, counts);
    const std::vector<std::uint16_t> words(image.words().begin(), image.words().end());
    return chair_->write(unit_, spec.address, words);
  }

  // One register in engineering units of `q`.
  std::optional<ModbusException> write_value(const hal::RegisterSpec& spec, double value,
                                             hal::Quantity q) {
    return write_counts(spec, codec_.to_counts(value, q));
  }

  std::int64_t read_counts(const hal::RegisterSpec& spec) {
    std::vector<std::uint16_t> words;
    const auto refused = chair_->read(unit_, spec.address, spec.words, words);
    EXPECT_FALSE(refused.has_value()) << "read of register " << spec.address << " refused";
    if (refused) return 0;
    return hal::decode_words(spec, profile().word_order, words);
  }

  // The status block with one function 03, decoded.
  hal::DriveStatusValues status() {
    const auto range = profile().status_block;
    std::vector<std::uint16_t> words;
    const auto refused = chair_->read(unit_, range.start, range.count, words);
    EXPECT_FALSE(refused.has_value()) << "status read refused";
    if (refused) return {};
    return codec_.decode_status(hal::RegisterImage(range, profile().word_order, words));
  }

  // Keeps the heartbeat alive while time passes, as a cyclic master does every `period`.
  void keep_alive_for(std::chrono::nanoseconds duration,
                      std::chrono::nanoseconds period = std::chrono::milliseconds(20)) {
    for (auto t = std::chrono::nanoseconds{0}; t < duration; t += period) {
      (void)write_counts(profile().command.heartbeat, ++beat_);
      chair_->advance(period);
    }
  }

 private:
  SimulatedChair* chair_;
  hal::DriveCodec codec_;
  std::uint8_t unit_;
  std::uint16_t beat_ = 0;
};

inline hal::ControlWord enabled(hal::DriveMode mode = hal::DriveMode::position) {
  hal::ControlWord c;
  c.enable = true;
  c.mode = mode;
  return c;
}

// Homes a linear axis as the daemon does at start-up: ENABLE with a rising edge of HOME, then
// position mode holding where homing left it. Fails the test if homing does not end in 16 s.
inline void home(SimulatedChair& chair, BenchMaster& axis) {
  ASSERT_EQ(axis.command({.enable = true, .home = true}, axis.status().position), std::nullopt);
  for (int i = 0; i < 160 && !axis.status().flags.homed; ++i) chair.advance(100ms);
  ASSERT_TRUE(axis.status().flags.homed) << "homing did not finish in 16 s";
  ASSERT_EQ(axis.command(enabled(), axis.status().position), std::nullopt);
}

// Advances in 1 ms steps until `done` holds or `limit` has passed; returns the time it took.
template <class Done>
std::chrono::nanoseconds advance_until(SimulatedChair& chair, Done done,
                                       std::chrono::nanoseconds limit) {
  const auto start = chair.now();
  while (!done() && chair.now() - start < limit) chair.advance(SimulatedChair::kStep);
  return chair.now() - start;
}

}  // namespace sim::testing
