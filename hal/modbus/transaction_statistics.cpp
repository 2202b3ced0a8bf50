#include "modbus/transaction_statistics.hpp"

namespace hal {

void TransactionStatistics::record(std::chrono::nanoseconds elapsed,
                                   const std::optional<DriveErrorKind>& fault) {
  ++transactions;
  if (!fault) {
    times.record(elapsed);
    return;
  }
  switch (*fault) {
    case DriveErrorKind::timeout:
      ++timeouts;
      break;
    case DriveErrorKind::bad_frame:
      ++bad_frames;
      break;
    case DriveErrorKind::modbus_exception:
      // The drive answered: the round trip is a real transaction time.
      ++exceptions;
      times.record(elapsed);
      break;
    default:
      ++disconnections;
      break;
  }
}

void TransactionStatistics::reclassify_as_bad_frame() { ++bad_frames; }

void TransactionStatistics::merge(const TransactionStatistics& other) {
  transactions += other.transactions;
  timeouts += other.timeouts;
  bad_frames += other.bad_frames;
  exceptions += other.exceptions;
  disconnections += other.disconnections;
  reconnects += other.reconnects;
  times.merge(other.times);
}

}  // namespace hal
