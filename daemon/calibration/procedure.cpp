#include "daemon/calibration/procedure.hpp"

namespace calibration {

std::string_view to_string(Procedure procedure) {
  switch (procedure) {
    case Procedure::force_sensor:
      return "force";
    case Procedure::travel_range:
      return "travel";
    case Procedure::width_range:
      return "width";
    case Procedure::depth_zero:
      return "depth";
  }
  return "unknown";
}

std::optional<Procedure> procedure_named(std::string_view name) {
  for (const auto p : kAllProcedures) {
    if (to_string(p) == name) return p;
  }
  return std::nullopt;
}

hal::AxisKind measured_on(Procedure procedure) {
  switch (procedure) {
    case Procedure::travel_range:
      return hal::AxisKind::travel;
    case Procedure::width_range:
      return hal::AxisKind::width;
    case Procedure::force_sensor:
    case Procedure::depth_zero:
      break;
  }
  return hal::AxisKind::depth;
}

std::string_view what_it_finds(Procedure procedure) {
  switch (procedure) {
    case Procedure::force_sensor:
      return "the force sensor's calibration";
    case Procedure::travel_range:
      return "the travel's range";
    case Procedure::width_range:
      return "the width's range";
    case Procedure::depth_zero:
      return "the depth's zero";
  }
  return "a part of the calibration";
}

}  // namespace calibration
