#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "profile/drive_codec.hpp"
#include "sim/chair/simulated_chair.hpp"
#include "sim/register_server.hpp"

// Stands between the simulator's Modbus transport and its drives and notes when the first
// request carrying QUICK_STOP arrives after it was armed (where a stop request's latency ends),
// and how many other requests reached the drives before it (the stop bypasses every queue: at
// most the one transaction already on the wire may go first).
namespace bench {

class StopWitness final : public sim::RegisterServer {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit StopWitness(sim::SimulatedChair& chair)
      : chair_(&chair), codec_(chair.profile(), hal::AxisKind::travel) {}

  // Forgets the last stop seen; the next one counts.
  void arm() {
    const std::lock_guard lock(mutex_);
    armed_ = true;
    seen_.reset();
    ahead_ = 0;
  }
  [[nodiscard]] std::optional<time_point> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }
  // Requests that reached the drives after arm() and before the stop.
  [[nodiscard]] int ahead_of_stop() const {
    const std::lock_guard lock(mutex_);
    return ahead_;
  }

  [[nodiscard]] const hal::ActuatorProfile& profile() const override { return chair_->profile(); }
  [[nodiscard]] bool has_unit(std::uint8_t unit) const override { return chair_->has_unit(unit); }
  [[nodiscard]] std::optional<sim::ModbusException> read(std::uint8_t unit, std::uint16_t address,
                                                         std::uint16_t count,
                                                         std::vector<std::uint16_t>& out) override {
    note(address, {});
    return chair_->read(unit, address, count, out);
  }
  [[nodiscard]] std::optional<sim::ModbusException> write(
      std::uint8_t unit, std::uint16_t address, std::span<const std::uint16_t> words) override {
    note(address, words);
    return chair_->write(unit, address, words);
  }
  [[nodiscard]] std::optional<sim::ModbusException> write_read(
      std::uint8_t unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
      std::uint16_t read_address, std::uint16_t read_count,
      std::vector<std::uint16_t>& out) override {
    note(write_address, words);
    return chair_->write_read(unit, write_address, words, read_address, read_count, out);
  }
  void broadcast_write(std::uint16_t address, std::span<const std::uint16_t> words) override {
    note(address, words);
    chair_->broadcast_write(address, words);
  }

 private:
  void note(std::uint16_t address, std::span<const std::uint16_t> words) {
    const auto now = std::chrono::steady_clock::now();
    const auto control = chair_->profile().command.control.address;
    bool stop = false;
    if (control >= address && control < address + words.size()) {
      const auto word = codec_.decode_control(words[control - address]);
      stop = word && word->quick_stop;
    }
    const std::lock_guard lock(mutex_);
    if (!armed_ || seen_) return;
    if (stop) {
      seen_ = now;
    } else {
      ++ahead_;
    }
  }

  sim::SimulatedChair* chair_;
  hal::DriveCodec codec_;
  mutable std::mutex mutex_;
  bool armed_ = false;
  std::optional<time_point> seen_;
  int ahead_ = 0;
};

}  // namespace bench
