#pragma once

#include <optional>
#include <string>
#include <vector>

#include "daemon/programs/program.hpp"

// A program as the executor works it: its steps in the order they are done, groups unrolled
// (each repeat of a group's steps in turn), so that "step 7 of 23" means the same to the person
// and to the log.
namespace session {

struct TimelineStep {
  programs::Step step;  // never a group
  std::string where;    // "step[2].step[0], 2nd time": where it stands in the file
};

std::vector<TimelineStep> timeline_of(const programs::Program& program);

// "compression", "rolling", "kneading", "tapping", "rest".
std::string technique_of(const programs::Step& step);
// The intensity the step is written with; none for a rest.
std::optional<programs::Intensity> intensity_of(const programs::Step& step);

}  // namespace session
