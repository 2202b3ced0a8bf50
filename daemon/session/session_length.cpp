#include "daemon/session/session_length.hpp"

#include "daemon/programs/duration_estimate.hpp"
#include "daemon/safety/hard_ceilings.hpp"
#include "daemon/session/program_timeline.hpp"

namespace session {

std::chrono::milliseconds session_needed(const programs::Program& program) {
  const auto steps = static_cast<int>(timeline_of(program).size());
  return programs::estimated_duration(program, programs::DurationModel{}) + kScanAllowance +
         kMoveAllowance * steps;
}

int extensions_needed(const programs::Program& program, const safety::SafetyLimits& limits) {
  const auto beyond = session_needed(program) - limits.session;
  if (beyond <= std::chrono::milliseconds{0}) return 0;
  const auto step =
      std::chrono::duration_cast<std::chrono::milliseconds>(safety::ceiling::kSessionStep);
  return static_cast<int>((beyond + step - std::chrono::milliseconds{1}) / step);
}

}  // namespace session
