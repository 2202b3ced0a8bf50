#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "daemon/programs/duration_estimate.hpp"
#include "daemon/programs/program.hpp"
#include "daemon/programs/program_error.hpp"
#include "daemon/programs/program_limits.hpp"
#include "result/expected.hpp"

// Checking a program file before it may start: its TOML, every key, type and range, the
// anatomy of every target, the safety limits and the session length. The daemon calls it when
// it loads or installs a program, and `chairctl programs check FILE…` calls it on an OEM's
// desk. The answer is either a Program in which every value is valid, or every error that could
// be found in one pass, each located at its line and column.
namespace programs {

using CheckedProgram = result::Expected<Program, ProgramErrors>;

// Program files are small; a larger one is refused before it is parsed.
inline constexpr std::size_t kLargestProgramFile = std::size_t{256} * 1024;

class ProgramChecker {
 public:
  explicit ProgramChecker(ProgramLimits limits = {}, DurationModel durations = {});

  // The file's path, as given, names it in the errors.
  [[nodiscard]] CheckedProgram check_file(const std::filesystem::path& path) const;
  // `source_name` stands for the file name in the errors.
  [[nodiscard]] CheckedProgram check_text(std::string_view text,
                                          const std::string& source_name) const;

  // How long the program takes (duration_estimate.hpp): what the panel counts down from.
  [[nodiscard]] std::chrono::milliseconds estimated_duration(const Program& program) const;

  [[nodiscard]] const ProgramLimits& limits() const { return limits_; }

 private:
  ProgramLimits limits_;
  DurationModel durations_;
};

}  // namespace programs
