#include "daemon/session/skipped_part.hpp"

namespace session {

std::string reason(const SkippedPart& part) {
  std::string out = "no contact ";
  switch (part.where) {
    case MissingBack::at:
      out += "at ";
      break;
    case MissingBack::below:
      out += "below ";
      break;
    case MissingBack::above:
      out += "above ";
      break;
  }
  out += anatomy::to_string(part.level) + ": ";
  switch (part.what) {
    case SkippedWork::rest_of_step:
      return out + "the rest of this step is skipped";
    case SkippedWork::rest_of_stroke:
      return out + "the rest of the stroke is skipped";
    case SkippedWork::rest_of_sweep:
      return out + "the sweep keeps to the part with a back";
    case SkippedWork::hold:
      return out + "the hold is skipped";
  }
  return out + "skipped";
}

}  // namespace session
