#pragma once

#include "units/quantity.hpp"

// The chair's units. Linear axes (travel, width, depth) speak millimetres; rotary axes (knead,
// tap) speak degrees of phase and rpm; the depth axis's sensor speaks newtons.
namespace units {

using Millimetres = Quantity<struct MillimetresTag>;
using MillimetresPerSecond = Quantity<struct MillimetresPerSecondTag>;
using MillimetresPerSecondSquared = Quantity<struct MillimetresPerSecondSquaredTag>;
using Degrees = Quantity<struct DegreesTag>;
using Rpm = Quantity<struct RpmTag>;
using RpmPerSecond = Quantity<struct RpmPerSecondTag>;
using Newtons = Quantity<struct NewtonsTag>;
using Milliamperes = Quantity<struct MilliamperesTag>;
using Celsius = Quantity<struct CelsiusTag>;

namespace literals {
constexpr Millimetres operator""_mm(long double v) { return Millimetres(static_cast<double>(v)); }
constexpr Millimetres operator""_mm(unsigned long long v) {
  return Millimetres(static_cast<double>(v));
}
constexpr MillimetresPerSecond operator""_mm_per_s(long double v) {
  return MillimetresPerSecond(static_cast<double>(v));
}
constexpr MillimetresPerSecond operator""_mm_per_s(unsigned long long v) {
  return MillimetresPerSecond(static_cast<double>(v));
}
constexpr Newtons operator""_N(long double v) { return Newtons(static_cast<double>(v)); }
constexpr Newtons operator""_N(unsigned long long v) { return Newtons(static_cast<double>(v)); }
constexpr Rpm operator""_rpm(long double v) { return Rpm(static_cast<double>(v)); }
constexpr Rpm operator""_rpm(unsigned long long v) { return Rpm(static_cast<double>(v)); }
constexpr Degrees operator""_deg(long double v) { return Degrees(static_cast<double>(v)); }
constexpr Degrees operator""_deg(unsigned long long v) { return Degrees(static_cast<double>(v)); }
}  // namespace literals

}  // namespace units
