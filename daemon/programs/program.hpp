#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "daemon/programs/step.hpp"

// A massage program as a chair maker wrote it and the daemon accepted it: who wrote it, what it
// is for, and its steps. Only a program that passed every check exists as this value
// (ProgramChecker in daemon/programs/program_checker.hpp).
namespace programs {

// The program file format this daemon reads.
inline constexpr int kFormatVersion = 1;

struct ProgramInfo {
  // Lowercase words joined by dashes ("neck-and-shoulders"): names the program in the API.
  std::string id;
  // What the panel shows.
  std::string name;
  std::string description;
  std::string author;
  int format = kFormatVersion;
  // How long the program is meant to take; the panel shows it.
  std::chrono::minutes intended_duration{15};
  bool operator==(const ProgramInfo&) const = default;
};

struct Program {
  ProgramInfo info;
  std::vector<Step> steps;
  bool operator==(const Program&) const = default;
};

}  // namespace programs
