#pragma once

#include <cstdint>
#include <string>
#include <vector>

// One reason a program file cannot run, located in the file, worded as every file error of the
// project: "programs/lower-back.toml:14:12: step[2].intensity: 6 is too firm over ...".
namespace programs {

struct ProgramError {
  std::string source;
  // 1-based; 0 when the error concerns the whole file (it cannot be read, it is too large).
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  // "dotted.key: what is wrong, what is allowed".
  std::string message;

  // "source:line:column: message", or "source: message" for the whole file.
  [[nodiscard]] std::string to_string() const;
  bool operator==(const ProgramError&) const = default;
};

using ProgramErrors = std::vector<ProgramError>;

}  // namespace programs
