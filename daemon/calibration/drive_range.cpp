#include "daemon/calibration/drive_range.hpp"

#include "profile/drive_codec.hpp"

namespace calibration {

std::optional<units::Millimetres> drive_range_max(hal::ChairDrives& drives, hal::AxisKind axis) {
  for (std::size_t b = 0; b < drives.bus_count(); ++b) {
    auto& bus = drives.bus(b);
    for (std::size_t d = 0; d < bus.size(); ++d) {
      if (bus.channel(d).kind() != axis) continue;
      const auto identity = bus.channel(d).identity();
      if (!identity) return std::nullopt;
      const hal::DriveCodec codec(bus.config().profile, axis);
      return units::Millimetres(codec.from_counts(identity->range_max, hal::Quantity::position));
    }
  }
  return std::nullopt;
}

}  // namespace calibration
