#pragma once

#include <chrono>
#include <future>
#include <optional>
#include <string>

#include "clock/clock.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/control/roller_carriage.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/safety/fault.hpp"

// The emergency-stop latch, after LinuxCNC's estop_latch: set at start-up, by every fault and
// emergency stop and by the shutdown; cleared only by an explicit reset, and only once the cause is
// gone. The reset has two phases, each with its patience: the drives' alarms are cleared, then
// every drive is enabled; the latch clears once all of them report enabled, holding where they
// stand. A fault or an emergency stop during a reset refuses it.
namespace control {

class EmergencyStopLatch {
 public:
  using time_point = hal::Clock::time_point;

  explicit EmergencyStopLatch(std::chrono::milliseconds patience) : patience_(patience) {}

  [[nodiscard]] bool latched() const { return latched_; }
  [[nodiscard]] bool resetting() const { return reset_.has_value(); }

  // Sets the latch; a reset under way is refused, saying `why`.
  void set(const std::string& why);
  // Refuses a reset under way, if any, saying `why`.
  void refuse_reset(const std::string& why);

  // A reset asked for: refused at once when `refusal` says why it cannot be; otherwise the drives
  // that report an alarm are told to clear it.
  void begin_reset(std::promise<CommandReply>& reply, const std::optional<std::string>& refusal,
                   RollerCarriage& carriage, const ChairMeasurement& measured, time_point now);
  // One cycle of the reset under way. True in the cycle the latch clears.
  bool advance(RollerCarriage& carriage, const ChairMeasurement& measured,
               const std::optional<safety::Fault>& cycle_fault, time_point now);

 private:
  enum class Phase { clearing_alarms, enabling };
  struct Reset {
    Phase phase = Phase::clearing_alarms;
    time_point deadline;
    std::promise<CommandReply> reply;
  };

  void clear_alarms(RollerCarriage& carriage, const ChairMeasurement& measured, time_point now);
  [[nodiscard]] bool all_enabled(const ChairMeasurement& measured, time_point now);

  std::chrono::milliseconds patience_;
  bool latched_ = true;
  std::optional<Reset> reset_;
};

}  // namespace control
