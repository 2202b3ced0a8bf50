#pragma once

#include <cstdint>

#include "sim/chair/body_config.hpp"

// A person for the simulated chair made at random, within what people are: a small to a tall
// back (shoulders 330 to 540 mm down the track), now and then sitting forward or with a back
// that ends above a deep cushion, soft to firm tissue, and up to four trigger points in the
// muscles beside the spine.
namespace campaign {

// The same seed gives the same person. Every one passes sim::check_body.
[[nodiscard]] sim::BodyConfig random_body(std::uint64_t seed);

}  // namespace campaign
