#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "clock/clock.hpp"
#include "modbus/axis.hpp"
#include "modbus/bus_config.hpp"
#include "modbus/cycle_report.hpp"
#include "modbus/drive_bus.hpp"

// All the chair's drives on all its buses: the HAL's face to the control loop. Buses work in
// parallel, each on its own thread; a cycle returns within the time the caller gives it.
namespace hal {

class ChairDrives {
 public:
  // Throws std::invalid_argument for a configuration that cannot work (see DriveBus).
  explicit ChairDrives(std::vector<BusConfig> buses, const Clock& clock = steady_clock());
  ChairDrives(const ChairDrives&) = delete;
  ChairDrives& operator=(const ChairDrives&) = delete;

  // Lifecycle, all buses at once; one error per drive that did not make it.
  std::vector<DriveError> connect();
  std::vector<DriveError> activate();
  std::vector<DriveError> deactivate();
  void disconnect();

  // One control cycle: each bus exchanges its drives' frames, all buses in parallel. Returns
  // within `budget` (plus scheduling): a bus still busy then reports an overrun for each of its
  // drives, and its next cycle too until it catches up.
  CycleReport cycle(std::chrono::microseconds budget);

  // Any thread, lock-free, never refused: every bus stops every drive before its next regular
  // transaction. Each axis stays stopped until it is enabled again.
  void quick_stop();

  // The axis of that kind (the first, should two buses both have one). Throws
  // std::invalid_argument when no drive of the kind is configured, or it is of the other motion.
  [[nodiscard]] LinearAxis linear(AxisKind kind);
  [[nodiscard]] RotaryAxis rotary(AxisKind kind);

  [[nodiscard]] std::size_t bus_count() const { return buses_.size(); }
  [[nodiscard]] DriveBus& bus(std::size_t index) { return *buses_.at(index); }
  // Every transaction on every bus.
  [[nodiscard]] TransactionStatistics statistics() const;

 private:
  DriveChannel& channel_of(AxisKind kind);

  const Clock* clock_;
  std::vector<std::unique_ptr<DriveBus>> buses_;
  // The caller's side of the cycles' hand-over (see PendingCycle).
  std::chrono::steady_clock::time_point last_cycle_end_{};
  BriefPoll result_poll_;
};

}  // namespace hal
