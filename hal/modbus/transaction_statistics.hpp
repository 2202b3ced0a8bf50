#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

#include "modbus/drive_error.hpp"
#include "modbus/transaction_histogram.hpp"

// Counters and timing of Modbus transactions, kept per bus and per axis.
namespace hal {

struct TransactionStatistics {
  std::uint64_t transactions = 0;  // every request sent, answered or not
  std::uint64_t timeouts = 0;
  std::uint64_t bad_frames = 0;
  std::uint64_t exceptions = 0;
  std::uint64_t disconnections = 0;  // transactions that found the link broken
  std::uint64_t reconnects = 0;      // times the link was opened again after a loss
  TransactionHistogram times;        // answered transactions only

  // One transaction that took `elapsed`: `fault` is the link fault it ended with, if any.
  void record(std::chrono::nanoseconds elapsed, const std::optional<DriveErrorKind>& fault);
  // A transaction already recorded as answered whose reply turned out to belong to an earlier
  // request (its heartbeat echo is stale): it counts as a bad frame instead.
  void reclassify_as_bad_frame();
  void merge(const TransactionStatistics& other);
};

// A TransactionStatistics that the bus thread writes while any thread reads a snapshot.
class StatisticsRecorder {
 public:
  void record(std::chrono::nanoseconds elapsed, const std::optional<DriveErrorKind>& fault) {
    const std::lock_guard lock(mutex_);
    stats_.record(elapsed, fault);
  }
  void reclassify_as_bad_frame() {
    const std::lock_guard lock(mutex_);
    stats_.reclassify_as_bad_frame();
  }
  void count_reconnect() {
    const std::lock_guard lock(mutex_);
    ++stats_.reconnects;
  }
  [[nodiscard]] TransactionStatistics snapshot() const {
    const std::lock_guard lock(mutex_);
    return stats_;
  }

 private:
  mutable std::mutex mutex_;
  TransactionStatistics stats_;
};

}  // namespace hal
