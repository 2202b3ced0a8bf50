#include "daemon/session/program_timeline.hpp"

#include "hal/variant/overloaded.hpp"

namespace session {
namespace {

void unroll(const std::vector<programs::Step>& steps, const std::string& prefix,
            const std::string& suffix, std::vector<TimelineStep>& out) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto name = prefix + "step[" + std::to_string(i) + "]";
    if (const auto* group = std::get_if<programs::StepGroup>(&steps[i])) {
      for (int r = 0; r < group->repeats; ++r) {
        const auto time = group->repeats > 1 ? ", time " + std::to_string(r + 1) + " of " +
                                                   std::to_string(group->repeats)
                                             : std::string();
        unroll(group->steps, name + ".", time + suffix, out);
      }
      continue;
    }
    out.push_back(TimelineStep{steps[i], name + suffix});
  }
}

}  // namespace

std::vector<TimelineStep> timeline_of(const programs::Program& program) {
  std::vector<TimelineStep> out;
  unroll(program.steps, "", "", out);
  return out;
}

std::string technique_of(const programs::Step& step) {
  return std::visit(variant::Overloaded{[](const programs::Compression&) { return "compression"; },
                                        [](const programs::Rolling&) { return "rolling"; },
                                        [](const programs::Kneading&) { return "kneading"; },
                                        [](const programs::Tapping&) { return "tapping"; },
                                        [](const programs::Rest&) { return "rest"; },
                                        [](const programs::StepGroup&) { return "group"; }},
                    step);
}

std::optional<programs::Intensity> intensity_of(const programs::Step& step) {
  return std::visit(
      variant::Overloaded{
          [](const programs::Compression& s) -> std::optional<programs::Intensity> {
            return s.intensity;
          },
          [](const programs::Rolling& s) -> std::optional<programs::Intensity> {
            return s.intensity;
          },
          [](const programs::Kneading& s) -> std::optional<programs::Intensity> {
            return s.intensity;
          },
          [](const programs::Tapping& s) -> std::optional<programs::Intensity> {
            return s.intensity;
          },
          [](const auto&) -> std::optional<programs::Intensity> { return std::nullopt; }},
      step);
}

}  // namespace session
