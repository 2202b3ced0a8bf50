#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

// What a benchmark prints: one "name: value" line per result, for people and for scripts.
namespace bench {

inline void print(std::string_view name, double value) {
  std::printf("%.*s: %.6g\n", static_cast<int>(name.size()), name.data(), value);
  std::fflush(stdout);
}

inline void print(std::string_view name, std::string_view value) {
  std::printf("%.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
              static_cast<int>(value.size()), value.data());
  std::fflush(stdout);
}

inline double microseconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// The p-th quantile (0..1] of `values` by the nearest-rank method.
inline double quantile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

inline double median(std::vector<double> values) { return quantile(std::move(values), 0.5); }

}  // namespace bench
