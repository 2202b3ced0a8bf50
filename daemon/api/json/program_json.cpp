#include "daemon/api/json/program_json.hpp"

#include <cmath>
#include <variant>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/programs/lateral_target.hpp"
#include "daemon/programs/level_span.hpp"

namespace massaged {

using nlohmann::json;

namespace {

double seconds(std::chrono::milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

// The key a program file uses for its lateral target, with its value.
void put_target(json& step, const programs::LateralTarget& target) {
  if (const auto* muscle = std::get_if<anatomy::Muscle>(&target)) {
    step["muscle"] = std::string(anatomy::to_string(*muscle));
  } else {
    step["lateral_cm"] = std::get<units::Millimetres>(target).value() / 10.0;
  }
}

void put_span(json& step, const programs::LevelSpan& span) {
  step["top"] = anatomy::to_string(span.top);
  step["bottom"] = anatomy::to_string(span.bottom);
}

json program_step_json(const programs::Step& step) {
  return std::visit(
      [](const auto& s) -> json {
        using T = std::decay_t<decltype(s)>;
        json out;
        if constexpr (std::is_same_v<T, programs::Compression>) {
          out = {{"technique", "compression"},
                 {"level", anatomy::to_string(s.level)},
                 {"side", std::string(anatomy::to_string(s.side))},
                 {"intensity", s.intensity.level()},
                 {"hold_s", s.hold.count()},
                 {"increments", s.increments},
                 {"release_s", s.release.count()},
                 {"repeats", s.repeats}};
          put_target(out, s.target);
        } else if constexpr (std::is_same_v<T, programs::Rolling>) {
          out = {{"technique", "rolling"},
                 {"intensity", s.intensity.level()},
                 {"speed_cm_s", s.speed.value() / 10.0},
                 {"passes", s.passes}};
          put_span(out, s.span);
          put_target(out, s.target);
        } else if constexpr (std::is_same_v<T, programs::Kneading>) {
          out = {{"technique", "kneading"},
                 {"width_cm", s.width.value() / 10.0},
                 {"intensity", s.intensity.level()},
                 {"cycles_per_minute", s.speed.value()},
                 {"duration_s", s.duration.count()}};
          put_span(out, s.span);
          put_target(out, s.target);
        } else if constexpr (std::is_same_v<T, programs::Tapping>) {
          out = {{"technique", "tapping"},
                 {"intensity", s.intensity.level()},
                 {"frequency_hz", s.frequency_hz},
                 {"duration_s", s.duration.count()}};
          put_span(out, s.span);
          put_target(out, s.target);
        } else if constexpr (std::is_same_v<T, programs::Rest>) {
          out = {{"technique", "rest"}, {"duration_s", s.duration.count()}};
        } else {
          out = {{"technique", "group"}, {"repeats", s.repeats}, {"steps", steps_json(s.steps)}};
        }
        return out;
      },
      step);
}

}  // namespace

json steps_json(const std::vector<programs::Step>& steps) {
  json out = json::array();
  for (const auto& step : steps) out.push_back(program_step_json(step));
  return out;
}

json program_summary(const CatalogEntry& entry) {
  const auto& info = entry.program.info;
  return json{{"id", info.id},
              {"name", info.name},
              {"description", info.description},
              {"author", info.author},
              {"intended_minutes", info.intended_duration.count()},
              {"estimated_s", std::round(seconds(entry.estimated))},
              {"origin", to_string(entry.origin)}};
}

json program_details(const CatalogEntry& entry) {
  json out = program_summary(entry);
  out["file"] = entry.file.string();
  out["steps"] = steps_json(entry.program.steps);
  return out;
}

json errors_json(const programs::ProgramErrors& errors) {
  json out = json::array();
  for (const auto& e : errors) {
    out.push_back(json{{"source", e.source},
                       {"line", e.line},
                       {"column", e.column},
                       {"message", e.message},
                       {"text", e.to_string()}});
  }
  return out;
}

}  // namespace massaged
