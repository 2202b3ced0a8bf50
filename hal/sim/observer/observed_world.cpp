#include "sim/observer/observed_world.hpp"

namespace sim {

UnderRollers under_rollers(const ObservedWorld& world, units::Newtons touch) {
  UnderRollers under;
  under.touching = world.contact >= touch;
  if (world.body == nullptr || !world.body->seated) return under;
  under.region = back_region(*world.body, world.travel().value());
  if (const auto surface =
          surface_depth(*world.body, world.travel().value(), world.lateral().value())) {
    under.gap = units::Millimetres(*surface) - world.depth();
  }
  return under;
}

}  // namespace sim
