#include "daemon/calibration/drive_range.hpp"

#include "profile/drive_codec.hpp"

namespace calibration {

std::optional<units::Millimetres> drive_range_max(const hal::DrivesView& drives,
                                                  hal::AxisKind axis) {
  const auto at = drives.place_of(axis);
  if (!at) return std::nullopt;
  const auto identity = drives.identity(*at);
  if (!identity) return std::nullopt;
  const hal::DriveCodec codec(drives.profile(*at), axis);
  return units::Millimetres(codec.from_counts(identity->range_max, hal::Quantity::position));
}

}  // namespace calibration
