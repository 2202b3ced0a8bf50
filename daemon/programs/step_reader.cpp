#include "daemon/programs/step_reader.hpp"

#include <string>

#include "daemon/programs/program_rules.hpp"

namespace programs {
namespace {

using std::chrono::seconds;

constexpr std::string_view kTechniques[] = {"compression", "rolling", "kneading",
                                            "tapping",     "rest",    "group"};
constexpr std::string_view kMuscles[] = {"multifidus", "longissimus", "iliocostalis", "rhomboid"};
constexpr std::string_view kSides[] = {"left", "right", "both"};

constexpr std::string_view kCompressionKeys[] = {"technique",  "level",     "side",   "muscle",
                                                 "lateral_cm", "intensity", "hold_s", "increments",
                                                 "release_s",  "repeats"};
constexpr std::string_view kRollingKeys[] = {"technique",  "top",       "bottom",     "muscle",
                                             "lateral_cm", "intensity", "speed_cm_s", "passes"};
constexpr std::string_view kKneadingKeys[] = {
    "technique",         "top",       "bottom", "muscle", "lateral_cm", "width_cm", "intensity",
    "cycles_per_minute", "duration_s"};
constexpr std::string_view kTappingKeys[] = {"technique",    "top",        "bottom",
                                             "muscle",       "lateral_cm", "intensity",
                                             "frequency_hz", "duration_s"};
constexpr std::string_view kRestKeys[] = {"technique", "duration_s"};
constexpr std::string_view kGroupKeys[] = {"technique", "repeats", "step"};

// Centimetres in the file, millimetres in the model.
units::Millimetres from_centimetres(double cm) { return units::Millimetres(cm * 10.0); }

std::optional<Intensity> read_intensity(const ProgramTable& table) {
  const auto level = table.integer("intensity", Intensity::kLightest, Intensity::kFirmest);
  if (!level) return std::nullopt;
  return Intensity(static_cast<int>(*level));
}

std::optional<seconds> read_seconds(const ProgramTable& table, std::string_view key,
                                    std::int64_t min, std::int64_t max) {
  const auto value = table.integer(key, min, max);
  if (!value) return std::nullopt;
  return seconds(*value);
}

std::optional<int> read_count(const ProgramTable& table, std::string_view key, int min, int max) {
  const auto value = table.integer(key, min, max);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

template <class... Ts>
bool all(const std::optional<Ts>&... values) {
  return (values.has_value() && ...);
}

}  // namespace

std::vector<Step> StepReader::read_steps(const ProgramTable& table, int depth) {
  std::vector<Step> steps;
  const auto tables = table.array_of_tables("step");
  if (!tables) return steps;
  if (tables->empty()) {
    // The header that adds a step at this depth: [[step]], [[step.step]], ...
    std::string header = "step";
    for (int d = 1; d < depth; ++d) header += ".step";
    table.fail("step", std::string("no steps; a ") + (depth == 1 ? "program" : "group") +
                           " needs at least one [[" + header + "]]");
    return steps;
  }
  for (const auto& step_table : *tables) {
    if (steps_read_ == kMostSteps) {
      if (!too_many_reported_) {
        step_table.fail_here("more than " + std::to_string(kMostSteps) +
                             " steps in the program; split it into programs of fewer steps, or "
                             "repeat steps with a group");
        too_many_reported_ = true;
      }
      break;
    }
    ++steps_read_;
    if (auto step = read_step(step_table, depth)) steps.push_back(std::move(*step));
  }
  return steps;
}

std::optional<Step> StepReader::read_step(const ProgramTable& table, int depth) {
  const auto technique = table.choice("technique", kTechniques);
  if (!technique) return std::nullopt;
  if (*technique == "compression") return read_compression(table);
  if (*technique == "rolling") return read_rolling(table);
  if (*technique == "kneading") return read_kneading(table);
  if (*technique == "tapping") return read_tapping(table);
  if (*technique == "rest") return read_rest(table);
  return read_group(table, depth);
}

std::optional<LateralTarget> StepReader::read_target(const ProgramTable& table) const {
  const bool muscle = table.has("muscle");
  const bool lateral = table.has("lateral_cm");
  if (muscle && lateral) {
    table.fail("lateral_cm", "give the target as muscle or as lateral_cm, not both");
    return std::nullopt;
  }
  if (!muscle && !lateral) {
    table.fail_here(
        "no target across the back; give muscle (\"multifidus\", \"longissimus\", "
        "\"iliocostalis\" or \"rhomboid\") or lateral_cm (the distance from the spine's midline)");
    return std::nullopt;
  }
  std::optional<LateralTarget> target;
  if (muscle) {
    if (const auto name = table.choice("muscle", kMuscles)) target = *anatomy::parse_muscle(*name);
  } else if (const auto cm = table.number("lateral_cm", 0, 10)) {
    target = from_centimetres(*cm);
  }
  if (!target) return std::nullopt;
  if (const auto breach = midline_breach(*target, limits_)) {
    table.fail(muscle ? "muscle" : "lateral_cm", *breach);
    return std::nullopt;
  }
  return target;
}

std::optional<LevelSpan> StepReader::read_span(const ProgramTable& table) const {
  const auto top = table.level("top");
  const auto bottom = table.level("bottom");
  if (!all(top, bottom)) return std::nullopt;
  const LevelSpan span{*top, *bottom};
  if (const auto breach = span_order_breach(span)) {
    table.fail("bottom", *breach);
    return std::nullopt;
  }
  return span;
}

void StepReader::check_muscle_reach(const ProgramTable& table,
                                    const std::optional<LateralTarget>& target,
                                    const std::optional<LevelSpan>& span) const {
  if (!all(target, span)) return;
  const auto* muscle = std::get_if<anatomy::Muscle>(&*target);
  if (muscle == nullptr) return;
  if (const auto breach = muscle_reach_breach(*muscle, *span)) table.fail("muscle", *breach);
}

void StepReader::check_kidney_pressure(const ProgramTable& table,
                                       const std::optional<LevelSpan>& span,
                                       const std::optional<Intensity>& intensity) const {
  if (!all(span, intensity)) return;
  if (const auto breach = kidney_pressure_breach(*span, *intensity, limits_)) {
    table.fail("intensity", *breach);
  }
}

std::optional<Step> StepReader::read_compression(const ProgramTable& table) const {
  const auto level = table.level("level");
  const auto side_name = table.choice("side", kSides);
  const auto target = read_target(table);
  const auto intensity = read_intensity(table);
  auto hold = read_seconds(table, "hold_s", 1, 600);
  const auto increments = read_count(table, "increments", 1, 3);
  const auto release = read_seconds(table, "release_s", 1, 30);
  const auto repeats = read_count(table, "repeats", 1, 10);
  table.reject_unknown_keys(kCompressionKeys);

  const auto point = level ? std::optional<LevelSpan>(LevelSpan{*level, *level}) : std::nullopt;
  check_muscle_reach(table, target, point);
  check_kidney_pressure(table, point, intensity);
  if (hold) {
    if (const auto breach = hold_breach(*hold, limits_)) {
      table.fail("hold_s", *breach);
      hold.reset();
    }
  }
  if (!all(level, side_name, target, intensity, hold, increments, release, repeats)) {
    return std::nullopt;
  }
  return Compression{.level = *level,
                     .side = *anatomy::parse_side(*side_name),
                     .target = *target,
                     .intensity = *intensity,
                     .hold = *hold,
                     .increments = *increments,
                     .release = *release,
                     .repeats = *repeats};
}

std::optional<Step> StepReader::read_rolling(const ProgramTable& table) const {
  auto span = read_span(table);
  const auto target = read_target(table);
  const auto intensity = read_intensity(table);
  const auto speed_cm_s = table.number("speed_cm_s", 1, 10);
  const auto passes = read_count(table, "passes", 1, 20);
  table.reject_unknown_keys(kRollingKeys);

  if (span) {
    if (const auto breach = rolling_span_breach(*span)) {
      table.fail("bottom", *breach);
      span.reset();
    }
  }
  check_muscle_reach(table, target, span);
  check_kidney_pressure(table, span, intensity);
  if (!all(span, target, intensity, speed_cm_s, passes)) return std::nullopt;
  return Rolling{.span = *span,
                 .target = *target,
                 .intensity = *intensity,
                 .speed = units::MillimetresPerSecond(*speed_cm_s * 10.0),
                 .passes = *passes};
}

std::optional<Step> StepReader::read_kneading(const ProgramTable& table) const {
  const auto span = read_span(table);
  const auto target = read_target(table);
  const auto width_cm = table.number("width_cm", 1, 4);
  const auto intensity = read_intensity(table);
  const auto cycles = table.integer("cycles_per_minute", 10, 60);
  const auto duration = read_seconds(table, "duration_s", 5, 600);
  table.reject_unknown_keys(kKneadingKeys);

  check_muscle_reach(table, target, span);
  check_kidney_pressure(table, span, intensity);
  bool circles_clear = true;
  if (all(target, width_cm)) {
    if (const auto breach = kneading_reach_breach(*target, from_centimetres(*width_cm), limits_)) {
      table.fail("width_cm", *breach);
      circles_clear = false;
    }
  }
  if (!circles_clear || !all(span, target, width_cm, intensity, cycles, duration)) {
    return std::nullopt;
  }
  return Kneading{.span = *span,
                  .target = *target,
                  .width = from_centimetres(*width_cm),
                  .intensity = *intensity,
                  .speed = units::Rpm(static_cast<double>(*cycles)),
                  .duration = *duration};
}

std::optional<Step> StepReader::read_tapping(const ProgramTable& table) const {
  auto span = read_span(table);
  const auto target = read_target(table);
  const auto intensity = read_intensity(table);
  const auto frequency = table.number("frequency_hz", 1, 10);
  const auto duration = read_seconds(table, "duration_s", 5, 600);
  table.reject_unknown_keys(kTappingKeys);

  if (span) {
    if (const auto breach = kidney_tapping_breach(*span)) {
      table.fail_here(*breach);
      span.reset();
    }
  }
  check_muscle_reach(table, target, span);
  if (!all(span, target, intensity, frequency, duration)) return std::nullopt;
  return Tapping{.span = *span,
                 .target = *target,
                 .intensity = *intensity,
                 .frequency_hz = *frequency,
                 .duration = *duration};
}

std::optional<Step> StepReader::read_rest(const ProgramTable& table) const {
  const auto duration = read_seconds(table, "duration_s", 1, 600);
  table.reject_unknown_keys(kRestKeys);
  if (!duration) return std::nullopt;
  return Rest{.duration = *duration};
}

std::optional<Step> StepReader::read_group(const ProgramTable& table, int depth) {
  const auto repeats = read_count(table, "repeats", 1, 10);
  table.reject_unknown_keys(kGroupKeys);
  if (depth > kDeepestGroup) {
    table.fail_here("groups nest at most " + std::to_string(kDeepestGroup) +
                    " deep; move this group's steps up a level");
    return std::nullopt;
  }
  auto steps = read_steps(table, depth + 1);
  if (!repeats || steps.empty()) return std::nullopt;
  return StepGroup{.repeats = *repeats, .steps = std::move(steps)};
}

}  // namespace programs
