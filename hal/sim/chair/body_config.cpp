#include "sim/chair/body_config.hpp"

#include <stdexcept>
#include <string>

namespace sim {
namespace {

void require(bool ok, const std::string& field, double value, const std::string& allowed) {
  if (!ok) {
    throw std::invalid_argument("simulated body: " + field + " = " + std::to_string(value) +
                                " is out of range, allowed " + allowed);
  }
}

}  // namespace

BodyConfig body_of_size(BodySize size) {
  BodyConfig body;
  // Sitting shoulder height above the seat is about 50 cm (140 cm tall) to 65 cm (185 cm).
  switch (size) {
    case BodySize::small:
      body.shoulder_travel = units::Millimetres(520.0);
      break;
    case BodySize::medium:
      body.shoulder_travel = units::Millimetres(440.0);
      break;
    case BodySize::large:
      body.shoulder_travel = units::Millimetres(360.0);
      break;
  }
  return body;
}

void check_body(const BodyConfig& body) {
  const double seat = body.seat_travel.value();
  const double shoulder = body.shoulder_travel.value();
  require(seat >= 600.0 && seat <= 1200.0, "seat_travel", seat, "600..1200 mm");
  require(shoulder >= 100.0 && shoulder <= seat - 300.0, "shoulder_travel", shoulder,
          "100 mm .. seat_travel - 300 mm (" + std::to_string(seat - 300.0) + " mm)");
  const double back_end = body.back_end_above_seat.value();
  require(back_end >= 0.0 && back_end <= seat - shoulder - 250.0, "back_end_above_seat", back_end,
          "0 mm .. seat_travel - shoulder_travel - 250 mm (" +
              std::to_string(seat - shoulder - 250.0) + " mm): a back of at least 250 mm");
  require(body.sitting_forward.value() >= 0.0 && body.sitting_forward.value() <= 200.0,
          "sitting_forward", body.sitting_forward.value(), "0..200 mm");
  require(body.stiffness_scale >= 0.1 && body.stiffness_scale <= 10.0, "stiffness_scale",
          body.stiffness_scale, "0.1..10");
  for (std::size_t i = 0; i < body.nodules.size(); ++i) {
    const auto& n = body.nodules[i];
    const auto name = "nodules[" + std::to_string(i) + "].";
    require(n.travel.value() >= 0.0 && n.travel.value() <= 1200.0, name + "travel",
            n.travel.value(), "0..1200 mm");
    require(n.lateral_offset.value() >= 0.0 && n.lateral_offset.value() <= 150.0,
            name + "lateral_offset", n.lateral_offset.value(), "0..150 mm");
    require(n.radius.value() >= 3.0 && n.radius.value() <= 60.0, name + "radius", n.radius.value(),
            "3..60 mm");
    require(n.extra_stiffness >= 0.0 && n.extra_stiffness <= 10.0, name + "extra_stiffness",
            n.extra_stiffness, "0..10");
  }
}

}  // namespace sim
