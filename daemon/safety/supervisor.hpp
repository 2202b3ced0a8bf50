#pragma once

#include "clock/clock.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/chair_setpoint.hpp"
#include "daemon/safety/compression_hold.hpp"
#include "daemon/safety/decision.hpp"
#include "daemon/safety/rule_log.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/safety/session_timer.hpp"

// The single door to the drives: every setpoint, whoever asks for it, passes through review()
// before the loop sends anything. It applies the limits of [safety], themselves bounded by the
// hard ceilings, and the calibration's ranges: a matter of degree (a force, a speed, a range) is
// clamped, a matter of place or precondition (the midline, tapping over the kidneys, pressing
// before the body scan or without a valid calibration, a hold past its time, a session past its
// end) is refused and replaced by the safe alternative (rollers retracted, tapping stopped).
// Every rule that acts is recorded in the decision and logged when it starts and stops acting
// (a rule acting again and again on the same cause is counted and summarised: rule_log.hpp).
// Not thread-safe: the control loop's thread owns it.
namespace safety {

class Supervisor {
 public:
  using time_point = hal::Clock::time_point;

  // Throws std::invalid_argument when the calibration is unusable (check_calibration).
  Supervisor(SafetyLimits limits, Calibration calibration);

  [[nodiscard]] const SafetyLimits& limits() const { return limits_; }
  [[nodiscard]] const Calibration& calibration() const { return calibration_; }
  // Throws std::invalid_argument when the calibration is unusable (check_calibration).
  void set_calibration(Calibration calibration);

  [[nodiscard]] SessionTimer& session() { return session_; }
  [[nodiscard]] const SessionTimer& session() const { return session_; }
  [[nodiscard]] const CompressionHold& compression() const { return hold_; }

  // Reviews one request against this cycle's measurement.
  Decision review(const control::SetpointRequest& request,
                  const control::ChairMeasurement& measured, time_point now);

  // Where the chair stands, rollers retracted and still: what a paused or ending session holds.
  [[nodiscard]] Decision at_rest(const control::ChairMeasurement& measured) const;

 private:
  void clamp_ranges(Decision& d) const;
  void clamp_speeds(Decision& d) const;
  void check_engagement(Decision& d, const control::SetpointContext& context,
                        const control::ChairMeasurement& measured, time_point now) const;
  void check_tapping(Decision& d, const control::SetpointContext& context,
                     const control::ChairMeasurement& measured) const;
  void limit_force(Decision& d, const control::SetpointContext& context,
                   const control::ChairMeasurement& measured) const;
  void end_session(Decision& d, const control::ChairMeasurement& measured) const;
  void fill_motion(Decision& d) const;
  void log_changes(const Decision& d, time_point now);

  SafetyLimits limits_;
  Calibration calibration_;
  SessionTimer session_;
  CompressionHold hold_;
  RuleLog log_;
};

}  // namespace safety
