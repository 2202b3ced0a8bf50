#include "modbus/transaction_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace hal {

std::size_t TransactionHistogram::bucket_of(std::uint64_t micros) {
  if (micros < kExactBuckets) return static_cast<std::size_t>(micros);
  const auto exponent = static_cast<unsigned>(std::bit_width(micros) - 1);  // >= 6
  if (exponent > kMaxExponent) return kBucketCount - 1;
  const auto sub = (micros >> (exponent - kSubBucketBits)) & ((1U << kSubBucketBits) - 1U);
  return kExactBuckets + (exponent - 6) * (std::size_t{1} << kSubBucketBits) + sub;
}

std::uint64_t TransactionHistogram::upper_bound_of(std::size_t bucket) {
  if (bucket < kExactBuckets) return bucket;
  const auto index = bucket - kExactBuckets;
  const auto exponent = static_cast<unsigned>(index >> kSubBucketBits) + 6;
  const auto sub = static_cast<std::uint64_t>(index & ((1U << kSubBucketBits) - 1U));
  const auto width = std::uint64_t{1} << (exponent - kSubBucketBits);
  return (std::uint64_t{1} << exponent) + (sub + 1) * width - 1;
}

void TransactionHistogram::record(std::chrono::nanoseconds elapsed) {
  const auto micros = std::chrono::duration_cast<duration>(std::max(elapsed, decltype(elapsed){}));
  ++buckets_[bucket_of(static_cast<std::uint64_t>(micros.count()))];
  ++count_;
  max_ = std::max(max_, micros);
}

void TransactionHistogram::merge(const TransactionHistogram& other) {
  for (std::size_t i = 0; i < kBucketCount; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

TransactionHistogram::duration TransactionHistogram::percentile(double p) const {
  if (count_ == 0) return duration{0};
  p = std::clamp(p, 0.0, 1.0);
  // The rank of the wanted recording, 1-based: the p-th fraction rounded up, at least the first.
  // The small allowance keeps 0.9 × 100 (90.00000000000001 in binary) at rank 90.
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_) - 1e-9)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kBucketCount; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const auto bound = static_cast<duration::rep>(upper_bound_of(i));
      return std::min(duration{bound}, max_);
    }
  }
  return max_;
}

}  // namespace hal
