#include "sim/observer/observed_world.hpp"

namespace sim {

UnderRollers under_rollers(const ObservedWorld& world, units::Newtons touch, bool with_gap) {
  UnderRollers under;
  under.touching = world.contact >= touch;
  if (world.body == nullptr || !world.body->seated) return under;
  under.region = back_region(*world.body, world.travel().value());
  if (!with_gap) return under;
  if (const auto surface =
          surface_depth(*world.body, world.travel().value(), world.lateral().value())) {
    under.gap = units::Millimetres(*surface) - world.depth();
  }
  return under;
}

}  // namespace sim
