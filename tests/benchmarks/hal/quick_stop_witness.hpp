#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "sim/register_server.hpp"

// Stands between a simulator transport and the simulated drives and notes when a write carrying
// QUICK_STOP first reaches each drive (a broadcast reaches them all), for measuring how long a
// stop takes from the controller's request to the drives.
namespace bench {

class QuickStopWitness final : public sim::RegisterServer {
 public:
  using Clock = std::chrono::steady_clock;

  explicit QuickStopWitness(sim::RegisterServer& drives);

  // Forgets what was seen; the next write with QUICK_STOP set to each unit is noted.
  void arm();
  // When the first such write reached any drive, and when the last of `units` had one.
  [[nodiscard]] std::optional<Clock::time_point> first_stop() const;
  [[nodiscard]] std::optional<Clock::time_point> all_stopped(
      const std::set<std::uint8_t>& units) const;

  // ---- RegisterServer, forwarded ----
  [[nodiscard]] const hal::ActuatorProfile& profile() const override;
  [[nodiscard]] bool has_unit(std::uint8_t unit) const override;
  [[nodiscard]] std::optional<sim::ModbusException> read(std::uint8_t unit, std::uint16_t address,
                                                         std::uint16_t count,
                                                         std::vector<std::uint16_t>& out) override;
  [[nodiscard]] std::optional<sim::ModbusException> write(
      std::uint8_t unit, std::uint16_t address, std::span<const std::uint16_t> words) override;
  [[nodiscard]] std::optional<sim::ModbusException> write_read(
      std::uint8_t unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
      std::uint16_t read_address, std::uint16_t read_count,
      std::vector<std::uint16_t>& out) override;
  void broadcast_write(std::uint16_t address, std::span<const std::uint16_t> words) override;

 private:
  [[nodiscard]] bool carries_quick_stop(std::uint16_t address,
                                        std::span<const std::uint16_t> words) const;
  void note(std::optional<std::uint8_t> unit, Clock::time_point at);

  sim::RegisterServer* drives_;
  mutable std::mutex mutex_;
  std::optional<Clock::time_point> broadcast_;
  std::map<std::uint8_t, Clock::time_point> units_;
};

}  // namespace bench
