#pragma once

#include <string>
#include <vector>

#include "daemon/programs/program_checker.hpp"

// Program texts for the tests of daemon/programs, and the errors a checker finds in them.
namespace programs_test {

inline const std::string kSource = "test.toml";

// The metadata of a valid program: lines 1..6. Tests append [[step]] tables from line 7.
inline const std::string kHeader = R"(format = 1
id = "test-program"
name = "Test program"
description = "A program written by a test."
author = "tests"
duration_minutes = 15
)";

// One valid compression, for tests that need a step but test something else.
inline const std::string kCompression = R"(
[[step]]
technique = "compression"
level = "T4"
side = "both"
muscle = "longissimus"
intensity = 5
hold_s = 45
increments = 2
release_s = 10
repeats = 2
)";

// Every error, as "file:line:column: message", in the order the checker reports them.
inline std::vector<std::string> errors_of(
    const std::string& text, const programs::ProgramChecker& checker = programs::ProgramChecker()) {
  const auto checked = checker.check_text(text, kSource);
  if (checked) return {};
  std::vector<std::string> out;
  for (const auto& error : checked.error()) out.push_back(error.to_string());
  return out;
}

}  // namespace programs_test
