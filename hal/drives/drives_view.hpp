#pragma once

#include <cstddef>
#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "clock/clock.hpp"
#include "modbus/axis_state.hpp"
#include "modbus/drive_error.hpp"
#include "modbus/drive_identity.hpp"
#include "modbus/drive_reading.hpp"
#include "modbus/quick_stop_record.hpp"
#include "modbus/transaction_statistics.hpp"
#include "profile/actuator_profile.hpp"
#include "profile/axis_kind.hpp"
#include "result/expected.hpp"

// The chair's drives as seen, read-only: what the API, calibration and the technician's tools
// get of the HAL. It shows the buses and the drives on them (each drive's lifecycle, identity
// and latest reading), the transactions' statistics, and reads a drive's registers on its bus's
// thread; nothing here can command a drive. Motion goes through the controller, the only part
// handed the drives themselves (hal::ChairDrives implements this view). Safe to read from any
// thread while the control loop runs. Brings the value types it shows with it.
namespace hal {

// Where a drive is wired: its bus and its place on that bus, both in configuration order.
struct DrivePlace {
  std::size_t bus = 0;
  std::size_t drive = 0;
};

class DrivesView {
 public:
  using RegisterValues = result::Expected<std::vector<std::int64_t>, DriveError>;

  virtual ~DrivesView() = default;

  // The buses. Each takes an index below bus_count(); beyond it, std::out_of_range.
  [[nodiscard]] virtual std::size_t bus_count() const = 0;
  [[nodiscard]] virtual const std::string& bus_name(std::size_t bus) const = 0;
  // How the bus is reached: "rtu /dev/ttyS1", "tcp 127.0.0.1:1502".
  [[nodiscard]] virtual std::string bus_link(std::size_t bus) const = 0;
  [[nodiscard]] virtual bool link_up(std::size_t bus) const = 0;
  // Every transaction on the bus.
  [[nodiscard]] virtual TransactionStatistics bus_statistics(std::size_t bus) const = 0;
  [[nodiscard]] virtual QuickStopRecord last_quick_stop(std::size_t bus) const = 0;
  // Every transaction on every bus.
  [[nodiscard]] virtual TransactionStatistics statistics() const = 0;

  // The drives of a bus. Each takes a place with a drive below drive_count(place.bus); beyond
  // it, std::out_of_range.
  [[nodiscard]] virtual std::size_t drive_count(std::size_t bus) const = 0;
  [[nodiscard]] virtual AxisKind axis(DrivePlace at) const = 0;
  [[nodiscard]] virtual int unit(DrivePlace at) const = 0;
  // The drive's register map (every drive of a bus has its bus's).
  [[nodiscard]] virtual const ActuatorProfile& profile(DrivePlace at) const = 0;
  [[nodiscard]] virtual AxisState state(DrivePlace at) const = 0;
  // What the drive said about itself when it was last reached; none before.
  [[nodiscard]] virtual std::optional<DriveIdentity> identity(DrivePlace at) const = 0;
  // Its latest status; none before the first read. `read_at` is on the drives' clock (now()).
  [[nodiscard]] virtual std::optional<DriveReading> reading(DrivePlace at) const = 0;
  // Every transaction with the drive.
  [[nodiscard]] virtual TransactionStatistics drive_statistics(DrivePlace at) const = 0;
  // The drives' clock now, against which a reading is aged.
  [[nodiscard]] virtual Clock::time_point now() const = 0;

  // Reads registers of the drive on its bus's thread, between two cycles: their values as the
  // drive interprets them (signedness, word order), or why not. The read delays the bus's next
  // cycle by its transactions; it writes nothing.
  [[nodiscard]] virtual std::future<RegisterValues> read_registers(
      DrivePlace at, std::vector<RegisterSpec> specs) const = 0;

  // The first drive of that kind in configuration order (the one the controller commands); none
  // when no drive of the kind is configured.
  [[nodiscard]] std::optional<DrivePlace> place_of(AxisKind kind) const {
    for (std::size_t b = 0; b < bus_count(); ++b) {
      for (std::size_t d = 0; d < drive_count(b); ++d) {
        if (axis({b, d}) == kind) return DrivePlace{b, d};
      }
    }
    return std::nullopt;
  }

 protected:
  DrivesView() = default;
  DrivesView(const DrivesView&) = default;
  DrivesView& operator=(const DrivesView&) = default;
};

}  // namespace hal
