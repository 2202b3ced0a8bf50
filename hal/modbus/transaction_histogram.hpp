#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

// Distribution of transaction times in a fixed amount of memory: recording never allocates, so
// it can run for every transaction of a control loop. Durations below 64 µs are kept exactly;
// above, each power of two is split into 32 buckets, so a percentile is within 1/32 (about 3 %)
// of the true value. The largest value is kept exactly.
namespace hal {

class TransactionHistogram {
 public:
  using duration = std::chrono::microseconds;

  void record(std::chrono::nanoseconds elapsed);
  void merge(const TransactionHistogram& other);

  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] duration max() const { return max_; }
  // The smallest recorded duration d such that a fraction `p` (0..1] of the recordings are at
  // most d, to the histogram's resolution, never above max(). Zero when nothing was recorded.
  [[nodiscard]] duration percentile(double p) const;

  // The bucket a duration of `micros` falls in, and the largest duration that bucket holds;
  // exposed for the tests of the bucket layout.
  static std::size_t bucket_of(std::uint64_t micros);
  static std::uint64_t upper_bound_of(std::size_t bucket);

  static constexpr std::size_t kExactBuckets = 64;
  static constexpr unsigned kSubBucketBits = 5;  // 32 buckets per power of two
  static constexpr unsigned kMaxExponent = 40;   // 2^40 µs: about 12 days, far past any timeout
  static constexpr std::size_t kBucketCount =
      kExactBuckets + (kMaxExponent - 6 + 1) * (std::size_t{1} << kSubBucketBits);

 private:
  std::array<std::uint64_t, kBucketCount> buckets_{};
  std::uint64_t count_ = 0;
  duration max_{0};
};

}  // namespace hal
