#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

// The one entry point that the program-parser fuzzer and the corpus replay test share: check
// arbitrary bytes as a program file, exactly as the daemon checks one, then check the answer
// itself. Whatever the bytes, the checker must answer (no crash, no hang) with either a program
// that keeps every safety rule or located errors.
namespace fuzz {

// The name the fuzzed text goes by in errors.
inline constexpr const char* kFuzzSource = "fuzz.toml";

struct ProgramTextVerdict {
  // The checker returned a program (otherwise errors).
  bool accepted = false;
  // What is wrong with the checker's answer; empty when it is as it must be.
  std::vector<std::string> violations;
};

ProgramTextVerdict check_program_bytes(std::span<const std::uint8_t> bytes);

}  // namespace fuzz
