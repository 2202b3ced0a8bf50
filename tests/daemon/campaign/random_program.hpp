#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "daemon/programs/program_checker.hpp"

// A massage program made at random from the program format's own vocabulary and limits: every
// technique and key, levels from C7 to S1, sides, muscles and lateral distances, intensities,
// holds, repeats and groups within groups. Each one is meant to pass the checker as a chair
// maker's file would, kidney zone and midline clearance included, and to run a few minutes
// (one to about eight, three on average), so that many can run on a simulated chair.
namespace campaign {

struct RandomProgram {
  std::uint64_t seed = 0;
  // The TOML file, as a chair maker would write it.
  std::string text;
  // The checker's estimate of its length.
  std::chrono::milliseconds estimated_duration{0};
};

// The same seed gives the same program, byte for byte. Throws std::logic_error, with the
// program and the checker's errors, if what it made does not pass the checker: the generator
// and the format have drifted apart.
[[nodiscard]] RandomProgram random_program(std::uint64_t seed,
                                           const programs::ProgramChecker& checker);

}  // namespace campaign
