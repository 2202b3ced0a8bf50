#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "profile/axis_kind.hpp"

// The technician's calibration procedures. Each measures one part of the calibration on one
// drive: the force sensor's offset and gain (the load cell of the depth drive), the travel's
// and the width's soft ranges, and the depth's zero. A part is bound to the drive it was
// measured on: when that drive is replaced, the part is measured again.
namespace calibration {

enum class Procedure { force_sensor, travel_range, width_range, depth_zero };

inline constexpr std::array kAllProcedures{Procedure::force_sensor, Procedure::travel_range,
                                           Procedure::width_range, Procedure::depth_zero};

// "force", "travel", "width", "depth": its name in the API, in chairctl and in the file.
[[nodiscard]] std::string_view to_string(Procedure procedure);
// None for another name.
[[nodiscard]] std::optional<Procedure> procedure_named(std::string_view name);
// The drive whose sensor or motion the procedure measures: the depth drive carries the load
// cell.
[[nodiscard]] hal::AxisKind measured_on(Procedure procedure);
// What the procedure finds, for messages: "the force sensor's calibration", "the travel's
// range", "the width's range", "the depth's zero".
[[nodiscard]] std::string_view what_it_finds(Procedure procedure);

}  // namespace calibration
