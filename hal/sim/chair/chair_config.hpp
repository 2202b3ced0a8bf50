#pragma once

#include <cstdint>
#include <map>

#include "profile/actuator_profile.hpp"
#include "sim/chair/body_config.hpp"
#include "sim/chair/load_cell.hpp"
#include "units/units.hpp"

// Everything that makes one simulated chair: which drives (the profile they serve and their
// unit ids), who sits in it, how wrong its load cell is, where the mechanism stands at power-up,
// and the seed of its noise.
namespace sim {

// Where each axis stands when the chair is switched on. The carriage is rarely at its top end
// stop, so homing takes a realistic while.
struct PowerUpPositions {
  units::Millimetres travel{450.0};
  units::Millimetres width{120.0};
  units::Millimetres depth{5.0};
  units::Degrees knead{0.0};
  units::Degrees tap{0.0};
};

struct ChairConfig {
  hal::ActuatorProfile profile{};  // served by every drive (config/profiles/ra1.toml for RA-1)
  std::map<hal::AxisKind, std::uint8_t> unit_ids = {{hal::AxisKind::travel, 1},
                                                    {hal::AxisKind::width, 2},
                                                    {hal::AxisKind::depth, 3},
                                                    {hal::AxisKind::knead, 4},
                                                    {hal::AxisKind::tap, 5}};
  BodyConfig body = body_of_size(BodySize::medium);
  LoadCellError load_cell;
  std::uint64_t seed = 1;
  PowerUpPositions power_up;
  units::Celsius ambient{25.0};
  std::uint16_t firmware = 0x0104;  // 1.4
  // Each drive's serial number (SERIAL), as printed on its label; every drive has its own.
  std::map<hal::AxisKind, std::uint32_t> serials = {{hal::AxisKind::travel, 20260001},
                                                    {hal::AxisKind::width, 20260002},
                                                    {hal::AxisKind::depth, 20260003},
                                                    {hal::AxisKind::knead, 20260004},
                                                    {hal::AxisKind::tap, 20260005}};
};

// Throws std::invalid_argument naming the field, its value and what is allowed.
void check_chair_config(const ChairConfig& config);

}  // namespace sim
