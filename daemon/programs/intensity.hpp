#pragma once

#include <compare>
#include <stdexcept>
#include <string>

// How firmly a technique works, on the relative scale programs are written in. A program never
// states a force: the safety supervisor turns an intensity into one with its ceiling for the
// region of the back and the person's own maximum, so the same program is gentle on a chair
// without a load cell and on a person who asked for "less".
namespace programs {

class Intensity {
 public:
  static constexpr int kLightest = 1;
  static constexpr int kFirmest = 10;

  // Throws std::out_of_range outside kLightest..kFirmest; readers check the range first.
  constexpr explicit Intensity(int level) : level_(level) {
    if (level < kLightest || level > kFirmest) {
      throw std::out_of_range("intensity " + std::to_string(level) + " is outside 1..10");
    }
  }

  [[nodiscard]] constexpr int level() const { return level_; }
  constexpr auto operator<=>(const Intensity&) const = default;

 private:
  int level_;
};

}  // namespace programs
