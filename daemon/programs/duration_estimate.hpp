#pragma once

#include <chrono>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/programs/program.hpp"

// How long a program takes, estimated the same way every time from the program alone, so that a
// program is judged against the session limit before anyone sits in the chair.
//
// Each step counts the time its technique works: a compression its holds and releases, rolling
// its passes over the span at its speed, kneading, tapping and rest their durations, a group its
// steps times its repeats. Spans are measured on the largest body the chair fits, where they
// are longest, so the estimate is the most any person waits. Moves of the carriage between
// steps are not counted: they take seconds.
namespace programs {

struct DurationModel {
  // Shoulders at 410 mm on the default chair geometry put C7 to S1 at 490 mm: the back of a
  // person 185 cm tall, the tallest a chair is built for.
  bodymap::BodyMap largest_body{units::Millimetres(410), bodymap::ChairGeometry{}};
};

std::chrono::milliseconds estimated_duration(const Step& step, const DurationModel& model);
std::chrono::milliseconds estimated_duration(const std::vector<Step>& steps,
                                             const DurationModel& model);
std::chrono::milliseconds estimated_duration(const Program& program, const DurationModel& model);

// "14 min 30 s", "45 s", "5 min".
std::string to_string(std::chrono::milliseconds duration);

}  // namespace programs
