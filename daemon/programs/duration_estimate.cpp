#include "daemon/programs/duration_estimate.hpp"

#include <string>

#include "hal/variant/overloaded.hpp"

namespace programs {
namespace {

using std::chrono::milliseconds;

units::Millimetres span_length(const LevelSpan& span, const DurationModel& model) {
  return units::abs(model.largest_body.travel_of(span.bottom) -
                    model.largest_body.travel_of(span.top));
}

milliseconds rolling_time(const Rolling& rolling, const DurationModel& model) {
  const double seconds_per_pass = span_length(rolling.span, model).value() / rolling.speed.value();
  return std::chrono::round<milliseconds>(
      std::chrono::duration<double>(seconds_per_pass * rolling.passes));
}

}  // namespace

milliseconds estimated_duration(const Step& step, const DurationModel& model) {
  return std::visit(
      variant::Overloaded{
          [](const Compression& c) -> milliseconds { return c.repeats * (c.hold + c.release); },
          [&](const Rolling& r) -> milliseconds { return rolling_time(r, model); },
          [](const Kneading& k) -> milliseconds { return k.duration; },
          [](const Tapping& t) -> milliseconds { return t.duration; },
          [](const Rest& r) -> milliseconds { return r.duration; },
          [&](const StepGroup& g) -> milliseconds {
            return g.repeats * estimated_duration(g.steps, model);
          }},
      step);
}

milliseconds estimated_duration(const std::vector<Step>& steps, const DurationModel& model) {
  milliseconds total{0};
  for (const auto& step : steps) total += estimated_duration(step, model);
  return total;
}

milliseconds estimated_duration(const Program& program, const DurationModel& model) {
  return estimated_duration(program.steps, model);
}

std::string to_string(milliseconds duration) {
  const auto seconds = std::chrono::round<std::chrono::seconds>(duration).count();
  const auto minutes = seconds / 60;
  const auto rest = seconds % 60;
  if (minutes == 0) return std::to_string(rest) + " s";
  if (rest == 0) return std::to_string(minutes) + " min";
  return std::to_string(minutes) + " min " + std::to_string(rest) + " s";
}

}  // namespace programs
