#include "tests/daemon/campaign/random_body.hpp"

#include <algorithm>

#include "tests/daemon/campaign/seeded_draws.hpp"

namespace campaign {

sim::BodyConfig random_body(std::uint64_t seed) {
  // Another stream than the program's of the same seed.
  SeededDraws draws(seed ^ 0xB0D1B0D1B0D1B0D1ULL);
  using units::Millimetres;
  sim::BodyConfig body;
  body.seat_travel = Millimetres(draws.between(960.0, 1040.0, 10.0));
  body.shoulder_travel = Millimetres(draws.between(330.0, 540.0, 5.0));
  if (draws.chance(20)) body.sitting_forward = Millimetres(draws.between(10.0, 120.0, 5.0));
  if (draws.chance(20)) {
    const double longest = body.seat_travel.value() - body.shoulder_travel.value() - 250.0;
    body.back_end_above_seat = Millimetres(draws.between(10.0, std::min(150.0, longest), 5.0));
  }
  body.stiffness_scale = draws.between(0.5, 2.0, 0.1);
  const int nodules = draws.between(0, 4);
  const double back_top = body.shoulder_travel.value() + 30.0;
  const double back_bottom = body.seat_travel.value() - body.back_end_above_seat.value() - 60.0;
  for (int i = 0; i < nodules; ++i) {
    sim::Nodule nodule;
    nodule.travel = Millimetres(draws.between(back_top, back_bottom, 5.0));
    nodule.lateral_offset = Millimetres(draws.between(20.0, 70.0, 2.5));
    nodule.radius = Millimetres(draws.between(8.0, 25.0, 1.0));
    nodule.extra_stiffness = draws.between(0.5, 3.0, 0.1);
    body.nodules.push_back(nodule);
  }
  return body;
}

}  // namespace campaign
