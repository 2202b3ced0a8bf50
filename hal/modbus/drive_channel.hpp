#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "clock/clock.hpp"
#include "modbus/axis_command.hpp"
#include "modbus/axis_state.hpp"
#include "modbus/bus_config.hpp"
#include "modbus/bus_wakeup.hpp"
#include "modbus/drive_error.hpp"
#include "modbus/drive_identity.hpp"
#include "modbus/drive_reading.hpp"
#include "modbus/link_fault.hpp"
#include "modbus/transaction_statistics.hpp"
#include "profile/drive_codec.hpp"
#include "profile/register_image.hpp"
#include "result/expected.hpp"

// The HAL's side of one drive: where it is wired, its lifecycle, what it is commanded to do and
// what it last reported. Commands arrive from the controller's thread in engineering values,
// are checked (lifecycle, axis kind, range) and kept as counts; the bus thread takes a frame
// from it each cycle and hands back the drive's reply. One mutex guards it all; a quick-stop
// request is a lock-free flag.
namespace hal {

class DriveChannel {
 public:
  using Done = result::Expected<void, DriveError>;

  DriveChannel(std::string bus, const ActuatorProfile& profile, AxisWiring wiring,
               const Clock& clock, BusWakeup& wakeup);
  DriveChannel(const DriveChannel&) = delete;
  DriveChannel& operator=(const DriveChannel&) = delete;

  [[nodiscard]] const std::string& bus() const { return bus_; }
  [[nodiscard]] AxisKind kind() const { return wiring_.kind; }
  [[nodiscard]] int unit() const { return wiring_.unit_id; }
  [[nodiscard]] const ActuatorProfile& profile() const { return *profile_; }
  [[nodiscard]] const DriveCodec& codec() const { return codec_; }
  [[nodiscard]] const Clock& clock() const { return *clock_; }
  [[nodiscard]] StatisticsRecorder& statistics() { return statistics_; }
  [[nodiscard]] const StatisticsRecorder& statistics() const { return statistics_; }

  [[nodiscard]] AxisState state() const;
  [[nodiscard]] std::optional<DriveIdentity> identity() const;
  [[nodiscard]] std::optional<DriveReading> reading() const;

  // Commands, in the profile's engineering units (mm, mm/s, mm/s² or °, rpm, rpm/s; N). Each is
  // refused, with nothing sent, unless the axis is active; motion also needs the axis enabled.
  Done enable();   // clears a latched quick stop; holds where the drive is
  Done disable();  // holds where the drive is, without power to move
  Done home();     // linear axes: enable and start homing (a rising edge of HOME)
  Done move_to(double position, double speed, double acceleration);
  Done run_at(double velocity, double acceleration);
  Done press_with(double force);   // depth: hold this contact force
  Done limit_force(double force);  // depth: never push harder
  Done halt();                     // decelerate and hold until the next motion command
  Done reset_fault();              // a rising edge of FAULT_RESET
  // Any thread, any state, never refused: the bus sends it before its next transaction.
  void quick_stop();
  // Marks the drive for the bus's next stop without waking the bus: for a whole-bus stop, whose
  // caller wakes the bus once every drive is marked.
  void mark_for_stop() { stop_requested_.store(true, std::memory_order_release); }

  // --- The bus thread's side. ---
  bool take_stop_request() { return stop_requested_.exchange(false, std::memory_order_acq_rel); }
  void latch_quick_stop();
  [[nodiscard]] CycleFrame next_frame();
  void delivered(const CycleFrame& frame);
  void refused(const CycleFrame& frame);
  [[nodiscard]] LimitFrame pending_limits() const;
  void limits_delivered(const LimitFrame& limits);
  void limits_refused(const LimitFrame& limits);
  [[nodiscard]] std::array<std::optional<std::int64_t>, 3> limits_on_drive() const;
  // The bus found signs of a power cycle that the status cannot show (see audit_limits): the
  // axis is treated as restarted. Returns the error reported until the controller acts.
  DriveError restart_detected(std::string why);
  // Takes a status block the drive sent. Returns the drive's own trouble, if any: an alarm, or
  // a restart (ENABLED or HOMED lost without being told), which also re-synchronises the
  // command to where the drive is.
  std::optional<DriveError> absorb(const RegisterImage& status);

  void connected(const DriveIdentity& identity);
  void activated(const std::array<std::optional<std::int64_t>, 3>& limits_on_drive);
  void deactivated();
  void unconfigured();
  // After a reconnect: limits and edge bits on the drive are unknown.
  void forget_drive();

  // Errors about this drive.
  [[nodiscard]] DriveError error(DriveErrorKind kind, std::string doing, std::string detail) const;
  [[nodiscard]] DriveError error(const LinkFault& fault, std::string doing) const;

 private:
  Done refuse(std::string detail) const;
  [[nodiscard]] std::optional<DriveError> refuse_unless_active(std::string_view command) const;
  [[nodiscard]] std::optional<DriveError> refuse_unless_ready_to_move(
      std::string_view command) const;
  [[nodiscard]] std::int64_t measured_position() const;

  std::string bus_;
  const ActuatorProfile* profile_;
  AxisWiring wiring_;
  DriveCodec codec_;
  const Clock* clock_;
  BusWakeup* wakeup_;
  StatisticsRecorder statistics_;
  std::atomic<bool> stop_requested_{false};

  mutable std::mutex mutex_;
  AxisState state_ = AxisState::unconfigured;
  std::optional<DriveIdentity> identity_;
  std::optional<DriveReading> reading_;
  AxisCommand command_;
  std::optional<std::string> restarted_;  // why the drive is taken for restarted
};

}  // namespace hal
