#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

// The random choices of a campaign's situation, drawn from one seed so that a situation replays
// exactly from it. SplitMix64 rather than a standard distribution: the standard library leaves
// how a distribution maps the engine's output to each implementation, and a seed must mean the
// same situation wherever it is replayed.
namespace campaign {

class SeededDraws {
 public:
  explicit SeededDraws(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }

  // An integer in [lowest, highest], both included.
  int between(int lowest, int highest) {
    const auto span = static_cast<std::uint64_t>(highest - lowest) + 1U;
    return lowest + static_cast<int>(next() % span);
  }
  // A number in [lowest, highest] on a grid of `step`.
  double between(double lowest, double highest, double step) {
    const int steps = static_cast<int>((highest - lowest) / step + 0.5);
    return lowest + step * between(0, steps);
  }
  // True `percent` times in a hundred.
  bool chance(int percent) { return between(1, 100) <= percent; }

  template <class T>
  const T& pick(std::span<const T> choices) {
    return choices[static_cast<std::size_t>(between(0, static_cast<int>(choices.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

}  // namespace campaign
