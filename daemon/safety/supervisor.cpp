#include "daemon/safety/supervisor.hpp"

#include <cmath>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "daemon/safety/force_ceiling.hpp"
#include "units/quantity_text.hpp"

namespace safety {
namespace {

// Away from the body the mechanism moves at comfortable speeds of its own.
constexpr units::MillimetresPerSecondSquared kTravelAcceleration{300.0};
constexpr units::MillimetresPerSecond kWidthSpeed{30.0};
constexpr units::MillimetresPerSecondSquared kWidthAcceleration{100.0};
constexpr units::MillimetresPerSecond kDepthSpeed{40.0};
constexpr units::MillimetresPerSecondSquared kDepthAcceleration{300.0};
// The rollers may reach this far past the clearance, measured, before the midline rule acts:
// a drive settles within 0.5 mm of its target.
constexpr units::Millimetres kMidlineTolerance{1.0};

using units::mm_text;

std::string newtons(units::Newtons v) { return units::decimal_text(v.value()) + " N"; }
std::string mm_per_s(units::MillimetresPerSecond v) {
  return units::decimal_text(v.value()) + " mm/s";
}
std::string rpm(units::Rpm v) { return units::decimal_text(v.value(), 0) + " rpm"; }

void act(Decision& d, Rule rule, Verdict verdict, std::string detail) {
  d.actions.push_back({rule, verdict, std::move(detail)});
}

void retract(Decision& d) { d.setpoint.depth = control::DepthRetracted{}; }

}  // namespace

Supervisor::Supervisor(SafetyLimits limits, Calibration calibration)
    : limits_(limits),
      calibration_(std::move(calibration)),
      session_(limits.session, limits.session_max),
      hold_(limits.max_hold, limits.release) {
  if (const auto problem = check_calibration(calibration_); !problem.empty()) {
    throw std::invalid_argument(problem);
  }
}

void Supervisor::set_calibration(Calibration calibration) {
  if (const auto problem = check_calibration(calibration); !problem.empty()) {
    throw std::invalid_argument(problem);
  }
  calibration_ = std::move(calibration);
}

Decision Supervisor::review(const control::SetpointRequest& request,
                            const control::ChairMeasurement& measured, time_point now) {
  hold_.observe(measured.force, measured.travel, measured.lateral, now);
  Decision d;
  d.setpoint = request.setpoint;
  if (const auto* force = std::get_if<control::DepthForce>(&d.setpoint.depth);
      force != nullptr && force->force <= units::Newtons(0.0)) {
    retract(d);  // no force at all: nothing to press with
  }
  clamp_ranges(d);
  check_engagement(d, request.context, measured, now);
  check_tapping(d, request.context, measured);
  limit_force(d, request.context, measured);
  d.near_body = !control::is_retracted(d.setpoint.depth) || measured.force >= kTouchForce;
  clamp_speeds(d);
  if (request.context.purpose == control::Purpose::massage && session_.over(now)) {
    end_session(d, measured);
  }
  fill_motion(d);
  log_changes(d, now);
  return d;
}

Decision Supervisor::at_rest(const control::ChairMeasurement& measured) const {
  Decision d;
  d.setpoint.travel = calibration_.travel.clamp(measured.travel);
  d.setpoint.travel_speed = limits_.travel_speed_near_body;
  d.setpoint.lateral = calibration_.width.clamp(measured.lateral * 2.0) / 2.0;
  d.setpoint.depth = control::DepthRetracted{};
  d.force_limit = kTouchForce;
  d.near_body = measured.force >= kTouchForce;
  fill_motion(d);
  return d;
}

void Supervisor::clamp_ranges(Decision& d) const {
  auto& s = d.setpoint;
  const auto travel = calibration_.travel.inset(limits_.range_margin);
  if (!travel.contains(s.travel)) {
    const auto wanted = s.travel;
    s.travel = travel.clamp(wanted);
    act(d, Rule::travel_range, Verdict::clamped,
        "travel " + mm_text(wanted) + " is outside " + mm_text(travel.min) + ".." +
            mm_text(travel.max) + "; moving to " + mm_text(s.travel));
  }
  const auto width = calibration_.width.inset(limits_.range_margin);
  if (!width.contains(s.lateral * 2.0)) {
    const auto wanted = s.lateral;
    s.lateral = width.clamp(wanted * 2.0) / 2.0;
    act(d, Rule::width_range, Verdict::clamped,
        "a lateral distance of " + mm_text(wanted) + " needs a width outside " +
            mm_text(width.min) + ".." + mm_text(width.max) + "; using " + mm_text(s.lateral));
  }
  if (auto* depth = std::get_if<control::DepthPosition>(&s.depth)) {
    const AxisRange allowed{calibration_.depth.min, calibration_.depth.max - limits_.range_margin};
    if (!allowed.contains(depth->position)) {
      const auto wanted = depth->position;
      depth->position = allowed.clamp(wanted);
      act(d, Rule::depth_range, Verdict::clamped,
          "depth " + mm_text(wanted) + " is outside " + mm_text(allowed.min) + ".." +
              mm_text(allowed.max) + "; using " + mm_text(depth->position));
    }
  }
}

void Supervisor::check_engagement(Decision& d, const control::SetpointContext& context,
                                  const control::ChairMeasurement& measured, time_point now) const {
  d.engage_depth = context.engage_depth && !control::is_retracted(d.setpoint.depth);
  if (!d.engage_depth) return;
  const auto refuse = [&d](Rule rule, std::string detail) {
    retract(d);
    d.engage_depth = false;
    act(d, rule, Verdict::refused, std::move(detail));
  };
  if (context.purpose == control::Purpose::massage && !context.body) {
    refuse(Rule::depth_needs_body_scan,
           "the rollers may not press before the body scan has placed the spine; run the body "
           "scan first");
    return;
  }
  if (context.purpose != control::Purpose::service && !calibration_.valid) {
    refuse(Rule::depth_needs_calibration,
           "the rollers may not press on a chair whose calibration is not valid; have a "
           "technician calibrate it");
    return;
  }
  const auto clearance = limits_.midline_clearance;
  if (d.setpoint.lateral < clearance) {
    refuse(Rule::midline, "a roller " + mm_text(d.setpoint.lateral) +
                              " from the spine's midline would press on the spine; pressing "
                              "needs at least " +
                              mm_text(clearance));
    return;
  }
  if (measured.lateral < clearance - kMidlineTolerance) {
    refuse(Rule::midline, "the rollers are " + mm_text(measured.lateral) +
                              " from the spine's midline; pressing waits until they are at "
                              "least " +
                              mm_text(clearance) + " away");
    return;
  }
  if (hold_.must_release(now)) {
    const auto held = std::chrono::duration_cast<std::chrono::seconds>(
        hold_.held_for(now).value_or(std::chrono::nanoseconds{0}));
    refuse(Rule::compression_time,
           "the rollers have pressed this spot for " + std::to_string(held.count()) +
               " s; a hold ends within " +
               std::to_string(
                   std::chrono::duration_cast<std::chrono::seconds>(hold_.max_hold()).count()) +
               " s and is followed by a release of " +
               std::to_string(
                   std::chrono::duration_cast<std::chrono::seconds>(hold_.release()).count()) +
               " s, or a move to another spot");
  }
}

void Supervisor::check_tapping(Decision& d, const control::SetpointContext& context,
                               const control::ChairMeasurement& measured) const {
  if (d.setpoint.tap == units::Rpm(0.0)) return;
  // Service work (a technician's self-test, nobody in the chair) may spin the tapping motor with
  // the rollers drawn in: there is no back to tap.
  if (!context.body && context.purpose == control::Purpose::service &&
      control::is_retracted(d.setpoint.depth)) {
    return;
  }
  if (!context.body) {
    act(d, Rule::tapping_needs_body_scan, Verdict::refused,
        "tapping at " + rpm(d.setpoint.tap) +
            " waits for the body scan: until then the kidneys' place is unknown");
    d.setpoint.tap = units::Rpm(0.0);
    return;
  }
  for (const auto at : {measured.travel - kRegionLookahead, measured.travel,
                        measured.travel + kRegionLookahead, d.setpoint.travel}) {
    if (context.body->region_at(at) == anatomy::Region::kidney) {
      act(d, Rule::kidney_tapping, Verdict::refused,
          "no tapping over the kidney zone (T12..L3): the rollers are at " +
              mm_text(measured.travel) + ", heading for " + mm_text(d.setpoint.travel));
      d.setpoint.tap = units::Rpm(0.0);
      return;
    }
  }
}

void Supervisor::limit_force(Decision& d, const control::SetpointContext& context,
                             const control::ChairMeasurement& measured) const {
  // A lower ceiling wherever the rollers are or are going.
  auto ceiling = force_ceiling(limits_, context, measured.travel);
  const auto there = force_ceiling(limits_, context, d.setpoint.travel);
  if (there.force < ceiling.force) ceiling = there;
  if (!d.engage_depth) {
    ceiling = {kTouchForce, Rule::touch_only, "a touch, as the rollers may not press now"};
  }
  d.force_limit = ceiling.force;
  auto* force = std::get_if<control::DepthForce>(&d.setpoint.depth);
  if (force == nullptr || force->force <= ceiling.force) return;
  const auto wanted = force->force;
  force->force = ceiling.force;
  act(d, ceiling.rule, Verdict::clamped,
      newtons(wanted) + " is more than " + ceiling.why + " of " + newtons(ceiling.force) + " at " +
          mm_text(measured.travel) + "; pressing with " + newtons(ceiling.force));
}

void Supervisor::clamp_speeds(Decision& d) const {
  auto& s = d.setpoint;
  s.travel_speed = units::abs(s.travel_speed);
  if (d.near_body && s.travel_speed > limits_.travel_speed_near_body) {
    act(d, Rule::travel_speed, Verdict::clamped,
        "travel at " + mm_per_s(s.travel_speed) + " is too fast near the body; using " +
            mm_per_s(limits_.travel_speed_near_body));
    s.travel_speed = limits_.travel_speed_near_body;
  }
  if (units::abs(s.knead) > limits_.knead_max) {
    act(d, Rule::knead_speed, Verdict::clamped,
        "kneading at " + rpm(s.knead) + " is faster than " + rpm(limits_.knead_max));
    s.knead = s.knead < units::Rpm(0.0) ? -limits_.knead_max : limits_.knead_max;
  }
  if (units::abs(s.tap) > limits_.tap_max) {
    act(d, Rule::tap_speed, Verdict::clamped,
        "tapping at " + rpm(s.tap) + " is faster than " + rpm(limits_.tap_max));
    s.tap = s.tap < units::Rpm(0.0) ? -limits_.tap_max : limits_.tap_max;
  }
}

void Supervisor::end_session(Decision& d, const control::ChairMeasurement& measured) const {
  const auto kept = std::move(d.actions);
  d = at_rest(measured);
  d.actions = kept;
  d.session_over = true;
  act(d, Rule::session_time, Verdict::refused,
      "the session's " + std::to_string(session_.length().count()) +
          " minutes are over; the rollers retract and park");
}

void Supervisor::fill_motion(Decision& d) const {
  auto& m = d.motion;
  m.retract_speed = kDepthSpeed;
  if (d.near_body) {
    m.travel_acceleration = limits_.acceleration_near_body;
    m.width_speed = std::min(kWidthSpeed, limits_.width_speed_near_body);
    m.width_acceleration = std::min(kWidthAcceleration, limits_.acceleration_near_body);
    m.depth_speed = std::min(kDepthSpeed, limits_.depth_speed_near_body);
    m.depth_acceleration = std::min(kDepthAcceleration, limits_.acceleration_near_body);
    return;
  }
  m.travel_acceleration = kTravelAcceleration;
  m.width_speed = kWidthSpeed;
  m.width_acceleration = kWidthAcceleration;
  m.depth_speed = kDepthSpeed;
  m.depth_acceleration = kDepthAcceleration;
}

void Supervisor::log_changes(const Decision& d, time_point now) {
  for (const auto& line : log_.observe(d.actions, now)) {
    if (line.level == RuleLogLine::Level::warning) {
      spdlog::warn("safety: {}", line.text);
    } else {
      spdlog::info("safety: {}", line.text);
    }
  }
}

}  // namespace safety
