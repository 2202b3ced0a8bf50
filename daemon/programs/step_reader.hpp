#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "daemon/programs/program_limits.hpp"
#include "daemon/programs/program_table.hpp"
#include "daemon/programs/step.hpp"

// Reading the [[step]] tables of a program file into steps: the keys of each technique, their
// types and ranges, and the rules of program_rules.hpp, each problem logged at its key. A step
// with any problem is left out of the result; the log then holds why, and the program as a
// whole is refused.
namespace programs {

// Groups inside groups go this deep at most: a warm-up repeated within a repeated set.
inline constexpr int kDeepestGroup = 3;
// Steps in one program, counting those inside groups once each.
inline constexpr std::size_t kMostSteps = 200;

class StepReader {
 public:
  explicit StepReader(const ProgramLimits& limits) : limits_(limits) {}

  // The steps under `key` of `table` (the top level's "step", or a group's). Logs a missing or
  // empty list.
  std::vector<Step> read_steps(const ProgramTable& table, int depth = 1);

 private:
  std::optional<Step> read_step(const ProgramTable& table, int depth);
  std::optional<Step> read_compression(const ProgramTable& table) const;
  std::optional<Step> read_rolling(const ProgramTable& table) const;
  std::optional<Step> read_kneading(const ProgramTable& table) const;
  std::optional<Step> read_tapping(const ProgramTable& table) const;
  std::optional<Step> read_rest(const ProgramTable& table) const;
  std::optional<Step> read_group(const ProgramTable& table, int depth);

  std::optional<LateralTarget> read_target(const ProgramTable& table) const;
  std::optional<LevelSpan> read_span(const ProgramTable& table) const;
  void check_muscle_reach(const ProgramTable& table, const std::optional<LateralTarget>& target,
                          const std::optional<LevelSpan>& span) const;
  void check_kidney_pressure(const ProgramTable& table, const std::optional<LevelSpan>& span,
                             const std::optional<Intensity>& intensity) const;

  ProgramLimits limits_;
  std::size_t steps_read_ = 0;
  bool too_many_reported_ = false;
};

}  // namespace programs
