#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "clock/clock.hpp"
#include "drives/drives_view.hpp"
#include "modbus/axis.hpp"
#include "modbus/bus_config.hpp"
#include "modbus/cycle_report.hpp"
#include "modbus/drive_bus.hpp"

// All the chair's drives on all its buses: the HAL's face to the control loop. Buses work in
// parallel, each on its own thread; a cycle returns within the time the caller gives it. The
// control loop is handed it whole; every other part sees the drives through DrivesView only.
namespace hal {

class ChairDrives final : public DrivesView {
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
  // Sends now, on this thread, the quick stops asked for of buses on an in-memory link (see
  // DriveBus::serve_pending_stop): a simulated world calls it before it moves on.
  void serve_pending_stops();

  // The axis of that kind (the first, should two buses both have one). Throws
  // std::invalid_argument when no drive of the kind is configured, or it is of the other motion.
  [[nodiscard]] LinearAxis linear(AxisKind kind);
  [[nodiscard]] RotaryAxis rotary(AxisKind kind);

  [[nodiscard]] DriveBus& bus(std::size_t index) { return *buses_.at(index); }

  // DrivesView: the drives as seen, read-only.
  [[nodiscard]] std::size_t bus_count() const override { return buses_.size(); }
  [[nodiscard]] const std::string& bus_name(std::size_t bus) const override;
  [[nodiscard]] std::string bus_link(std::size_t bus) const override;
  [[nodiscard]] bool link_up(std::size_t bus) const override;
  [[nodiscard]] TransactionStatistics bus_statistics(std::size_t bus) const override;
  [[nodiscard]] QuickStopRecord last_quick_stop(std::size_t bus) const override;
  [[nodiscard]] TransactionStatistics statistics() const override;
  [[nodiscard]] std::size_t drive_count(std::size_t bus) const override;
  [[nodiscard]] AxisKind axis(DrivePlace at) const override;
  [[nodiscard]] int unit(DrivePlace at) const override;
  [[nodiscard]] const ActuatorProfile& profile(DrivePlace at) const override;
  [[nodiscard]] AxisState state(DrivePlace at) const override;
  [[nodiscard]] std::optional<DriveIdentity> identity(DrivePlace at) const override;
  [[nodiscard]] std::optional<DriveReading> reading(DrivePlace at) const override;
  [[nodiscard]] TransactionStatistics drive_statistics(DrivePlace at) const override;
  [[nodiscard]] Clock::time_point now() const override { return clock_->now(); }
  [[nodiscard]] std::future<RegisterValues> read_registers(
      DrivePlace at, std::vector<RegisterSpec> specs) const override;

 private:
  DriveChannel& channel_of(AxisKind kind);
  [[nodiscard]] const DriveBus& bus_at(std::size_t bus) const { return *buses_.at(bus); }
  [[nodiscard]] const DriveChannel& channel_at(DrivePlace at) const;

  const Clock* clock_;
  std::vector<std::unique_ptr<DriveBus>> buses_;
  // The caller's side of the cycles' hand-over (see PendingCycle).
  std::chrono::steady_clock::time_point last_cycle_end_{};
  BriefPoll result_poll_;
};

}  // namespace hal
