#include "daemon/programs/step.hpp"

namespace programs {

bool operator==(const StepGroup& a, const StepGroup& b) {
  return a.repeats == b.repeats && a.steps == b.steps;
}

}  // namespace programs
