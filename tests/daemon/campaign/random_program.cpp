#include "tests/daemon/campaign/random_program.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "tests/daemon/campaign/seeded_draws.hpp"

namespace campaign {
namespace {

using namespace std::chrono_literals;

// Index 0 is C7, 1..12 T1..T12, 13..17 L1..L5, 18 S1: the levels a back roller reaches.
constexpr std::array<std::string_view, 19> kLevels = {"C7", "T1", "T2", "T3",  "T4",  "T5",  "T6",
                                                      "T7", "T8", "T9", "T10", "T11", "T12", "L1",
                                                      "L2", "L3", "L4", "L5",  "S1"};
constexpr int kKidneyTop = 12;     // T12
constexpr int kKidneyBottom = 15;  // L3

struct MuscleReach {
  std::string_view name;
  int top;
  int bottom;
  // Where the chair aims on it, in cm from the midline (docs/programs.md, "the target").
  double aim_cm;
};
constexpr std::array<MuscleReach, 4> kMuscles = {{{"multifidus", 0, 18, 2.75},
                                                  {"longissimus", 0, 18, 3.25},
                                                  {"iliocostalis", 0, 17, 6.0},
                                                  {"rhomboid", 0, 5, 4.75}}};
constexpr std::array<std::string_view, 3> kSides = {"left", "right", "both"};
// The midline clearance, cm: no roller, nor the inner edge of a kneading circle, comes closer.
constexpr double kMidlineCm = 2.5;

bool reaches_kidney_zone(int top, int bottom) {
  return top <= kKidneyBottom && bottom >= kKidneyTop;
}

// Where a step aims across the back, and which levels that target allows.
struct Target {
  std::string_view muscle;  // empty: lateral_cm
  double lateral_cm = 0.0;
  int top = 0;
  int bottom = 18;
  [[nodiscard]] double aim_cm() const { return lateral_cm; }
};

Target draw_target(SeededDraws& draws, double nearest_cm) {
  if (draws.chance(75)) {
    std::array<MuscleReach, 4> usable{};
    std::size_t count = 0;
    for (const auto& m : kMuscles) {
      if (m.aim_cm >= nearest_cm) usable[count++] = m;
    }
    if (count > 0) {
      const auto& m =
          usable[static_cast<std::size_t>(draws.between(0, static_cast<int>(count) - 1))];
      return {m.name, m.aim_cm, m.top, m.bottom};
    }
  }
  return {{}, draws.between(std::max(nearest_cm, 3.0), 8.0, 0.5), 0, 18};
}

void aim(toml::table& step, const Target& target) {
  if (target.muscle.empty()) {
    step.insert("lateral_cm", target.lateral_cm);
  } else {
    step.insert("muscle", std::string(target.muscle));
  }
}

// A span of `least` levels or more inside the target's reach; avoiding the kidney zone when
// asked (tapping).
std::pair<int, int> draw_span(SeededDraws& draws, const Target& target, int least,
                              bool avoid_kidney) {
  for (;;) {
    const int length = draws.between(least, std::min(8, target.bottom - target.top + 1));
    const int top = draws.between(target.top, target.bottom - length + 1);
    const int bottom = top + length - 1;
    if (!avoid_kidney || !reaches_kidney_zone(top, bottom)) return {top, bottom};
  }
}

int draw_intensity(SeededDraws& draws, int top, int bottom) {
  return reaches_kidney_zone(top, bottom) ? draws.between(1, 3) : draws.between(1, 10);
}

void put_span(toml::table& step, int top, int bottom) {
  step.insert("top", std::string(kLevels[static_cast<std::size_t>(top)]));
  step.insert("bottom", std::string(kLevels[static_cast<std::size_t>(bottom)]));
}

toml::table compression(SeededDraws& draws) {
  const auto target = draw_target(draws, kMidlineCm);
  const int level = draws.between(target.top, target.bottom);
  toml::table step{{"technique", "compression"},
                   {"level", std::string(kLevels[static_cast<std::size_t>(level)])},
                   {"side", std::string(draws.pick(std::span<const std::string_view>(kSides)))}};
  aim(step, target);
  step.insert("intensity", draw_intensity(draws, level, level));
  step.insert("hold_s", draws.between(5, 90));
  step.insert("increments", draws.between(1, 3));
  step.insert("release_s", draws.between(1, 20));
  step.insert("repeats", draws.between(1, 2));
  return step;
}

toml::table rolling(SeededDraws& draws) {
  const auto target = draw_target(draws, kMidlineCm);
  const auto [top, bottom] = draw_span(draws, target, 2, false);
  toml::table step{{"technique", "rolling"}};
  put_span(step, top, bottom);
  aim(step, target);
  step.insert("intensity", draw_intensity(draws, top, bottom));
  step.insert("speed_cm_s", draws.between(1.0, 10.0, 0.5));
  step.insert("passes", draws.between(1, 4));
  return step;
}

toml::table kneading(SeededDraws& draws) {
  // The circles' inner edge keeps the midline clearance: the centre lies at least half the
  // narrowest width (1 cm) outside it.
  const auto target = draw_target(draws, kMidlineCm + 0.5);
  const double widest = std::min(4.0, 2.0 * (target.aim_cm() - kMidlineCm));
  const auto [top, bottom] = draw_span(draws, target, 1, false);
  toml::table step{{"technique", "kneading"}};
  put_span(step, top, bottom);
  aim(step, target);
  step.insert("width_cm", draws.between(1.0, widest, 0.5));
  step.insert("intensity", draw_intensity(draws, top, bottom));
  step.insert("cycles_per_minute", draws.between(10, 60));
  step.insert("duration_s", draws.between(5, 90));
  return step;
}

toml::table tapping(SeededDraws& draws) {
  auto target = draw_target(draws, kMidlineCm);
  // A muscle reaching only the kidney zone's neighbourhood still has levels above it.
  const auto [top, bottom] = draw_span(draws, target, 1, true);
  toml::table step{{"technique", "tapping"}};
  put_span(step, top, bottom);
  aim(step, target);
  step.insert("intensity", draws.between(1, 10));
  step.insert("frequency_hz", draws.between(1.0, 10.0, 0.5));
  step.insert("duration_s", draws.between(5, 60));
  return step;
}

toml::table rest(SeededDraws& draws) {
  return toml::table{{"technique", "rest"}, {"duration_s", draws.between(1, 30)}};
}

toml::table any_step(SeededDraws& draws, int depth);

toml::table group(SeededDraws& draws, int depth) {
  toml::array steps;
  const int count = draws.between(1, 3);
  for (int i = 0; i < count; ++i) steps.push_back(any_step(draws, depth + 1));
  return toml::table{{"technique", "group"}, {"repeats", draws.between(1, 3)}, {"step", steps}};
}

toml::table any_step(SeededDraws& draws, int depth) {
  // Compressions are what trigger-point programs are made of; groups nest at most twice.
  const int roll = draws.between(1, depth < 2 ? 100 : 90);
  if (roll <= 35) return compression(draws);
  if (roll <= 55) return rolling(draws);
  if (roll <= 70) return kneading(draws);
  if (roll <= 80) return tapping(draws);
  if (roll <= 90) return rest(draws);
  return group(draws, depth);
}

std::string text_of(const toml::table& program) {
  std::ostringstream out;
  out << toml::toml_formatter(program);
  return out.str();
}

}  // namespace

RandomProgram random_program(std::uint64_t seed, const programs::ProgramChecker& checker) {
  SeededDraws draws(seed);
  const auto id = "random-" + std::to_string(seed);
  toml::table program{{"format", 1},
                      {"id", id},
                      {"name", "Random program " + std::to_string(seed)},
                      {"description", "Made at random from seed " + std::to_string(seed) +
                                          " to test the chair with."},
                      {"author", "massaged test campaign"},
                      {"duration_minutes", 1},
                      {"step", toml::array{}}};
  auto& steps = *program["step"].as_array();
  // The steps' length is measured with the session limit lifted, so that a step that would take
  // the program past it can be drawn again; everything else is judged as the chair judges it.
  auto unlimited = checker.limits();
  unlimited.session_limit = std::chrono::hours(24);
  const programs::ProgramChecker measuring(unlimited);
  const auto refused = [&](const programs::ProgramErrors& errors) {
    std::string text;
    for (const auto& e : errors) text += "\n" + e.to_string();
    return std::logic_error("the random program of seed " + std::to_string(seed) +
                            " does not pass the checker:" + text + "\n" + text_of(program));
  };
  const auto wanted = std::chrono::minutes(draws.between(1, 4));
  RandomProgram made{seed, {}, 0ms};
  // Steps are added until the estimate reaches the length drawn; a step that would take it more
  // than a few minutes past (a group of long holds repeated) is drawn again.
  constexpr int kRedraws = 20;
  for (int redraws = 0; made.estimated_duration < wanted && redraws < kRedraws;) {
    steps.push_back(any_step(draws, 0));
    const auto checked = measuring.check_text(text_of(program), id + ".toml");
    if (!checked) throw refused(checked.error());
    const auto estimate = measuring.estimated_duration(*checked);
    if (estimate > wanted + 4min) {
      steps.pop_back();
      ++redraws;
      continue;
    }
    made.estimated_duration = estimate;
  }
  const auto minutes =
      std::max<long>(1, std::chrono::round<std::chrono::minutes>(made.estimated_duration).count());
  program.insert_or_assign("duration_minutes", minutes);
  made.text = text_of(program);
  const auto checked = checker.check_text(made.text, id + ".toml");
  if (!checked) throw refused(checked.error());
  return made;
}

}  // namespace campaign
