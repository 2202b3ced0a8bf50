#include "daemon/programs/program_rules.hpp"

#include "daemon/programs/duration_estimate.hpp"

namespace programs {
namespace {

const LevelSpan kKidneyZone{anatomy::VertebralLevel::T12, anatomy::VertebralLevel::L3};

std::string span_text(const anatomy::VerticalSpan& span) {
  return to_string(LevelSpan{span.top, span.bottom});
}

}  // namespace

std::optional<std::string> midline_breach(const LateralTarget& target,
                                          const ProgramLimits& limits) {
  const auto keep = centimetres(limits.midline_distance);
  if (const auto* distance = std::get_if<units::Millimetres>(&target)) {
    if (*distance >= limits.midline_distance) return std::nullopt;
    return centimetres(*distance) + " is on the spine's midline; the rollers keep at least " +
           keep + " from it, use " + keep + " or more";
  }
  const auto muscle = std::get<anatomy::Muscle>(target);
  const auto band = anatomy::lateral_band(muscle);
  if (band.farthest >= limits.midline_distance) return std::nullopt;
  return "the " + std::string(anatomy::to_string(muscle)) + " lies " + centimetres(band.nearest) +
         " to " + centimetres(band.farthest) + " from the midline, closer than the " + keep +
         " the rollers keep from it; aim with lateral_cm of " + keep + " or more";
}

std::optional<std::string> muscle_reach_breach(anatomy::Muscle muscle, const LevelSpan& span) {
  const auto reach = anatomy::vertical_span(muscle);
  if (reach.contains(span.top) && reach.contains(span.bottom)) return std::nullopt;
  const std::string name(anatomy::to_string(muscle));
  if (span.top == span.bottom) {
    return "the " + name + " reaches only " + span_text(reach) + ", not " + to_string(span) +
           "; choose a level in " + span_text(reach) + " or another muscle";
  }
  return "the " + name + " reaches only " + span_text(reach) + ", not the whole of " +
         to_string(span) + "; keep the span within " + span_text(reach) + " or aim with lateral_cm";
}

std::optional<std::string> span_order_breach(const LevelSpan& span) {
  if (span.runs_down_the_back()) return std::nullopt;
  return anatomy::to_string(span.bottom) + " lies above top = " + anatomy::to_string(span.top) +
         "; a span is written from the upper level down: swap top and bottom";
}

std::optional<std::string> rolling_span_breach(const LevelSpan& span) {
  if (span.top != span.bottom) return std::nullopt;
  return "rolling needs a span of two levels or more, top and bottom are both " +
         anatomy::to_string(span.top) + "; for one point use a compression";
}

std::optional<std::string> kidney_pressure_breach(const LevelSpan& span, Intensity intensity,
                                                  const ProgramLimits& limits) {
  if (intensity <= limits.gentle || !reaches(span, anatomy::Region::kidney)) return std::nullopt;
  const auto where =
      span.top == span.bottom
          ? to_string(span) + " lies in the kidney zone (" + to_string(kKidneyZone)
          : to_string(span) + " reaches into the kidney zone (" + to_string(kKidneyZone);
  return std::to_string(intensity.level()) + " is too firm here: " + where +
         "), where nothing presses deep; allowed 1.." + std::to_string(limits.gentle.level()) +
         " there";
}

std::optional<std::string> kidney_tapping_breach(const LevelSpan& span) {
  if (!reaches(span, anatomy::Region::kidney)) return std::nullopt;
  return "tapping over the kidney zone (" + to_string(kKidneyZone) + ") is refused, and " +
         to_string(span) + " reaches into it; tap above T12 or below L3";
}

std::optional<std::string> hold_breach(std::chrono::seconds hold, const ProgramLimits& limits) {
  if (hold <= limits.longest_hold) return std::nullopt;
  return std::to_string(hold.count()) + " s is over the " +
         std::to_string(limits.longest_hold.count()) +
         " s cap for a static hold; trigger-point holds last 30 to 60 s";
}

std::optional<std::string> kneading_reach_breach(const LateralTarget& target,
                                                 units::Millimetres width,
                                                 const ProgramLimits& limits) {
  const auto centre = lateral_distance(target, limits.midline_distance);
  const auto inner = centre - width / 2.0;
  if (inner >= limits.midline_distance) return std::nullopt;
  return "circles " + centimetres(width) + " wide around " + centimetres(centre) +
         " from the midline come within " + centimetres(inner) +
         " of it; the rollers keep at least " + centimetres(limits.midline_distance) +
         " from it: narrow the circles or move them out";
}

std::optional<std::string> session_breach(std::chrono::milliseconds estimate,
                                          const ProgramLimits& limits) {
  if (estimate <= limits.session_limit) return std::nullopt;
  return "the steps take an estimated " + to_string(estimate) + ", more than the " +
         std::to_string(limits.session_limit.count()) +
         " min session limit; shorten holds, passes, durations or repeats";
}

}  // namespace programs
