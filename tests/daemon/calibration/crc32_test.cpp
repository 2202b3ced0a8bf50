#include "daemon/calibration/crc32.hpp"

#include <gtest/gtest.h>

namespace calibration {
namespace {

TEST(Crc32, MatchesTheStandardCheckValue) { EXPECT_EQ(crc32("123456789"), 0xCBF43926U); }

TEST(Crc32, MatchesWhatZlibComputesForACalibrationFile) {
  // The first lines of a calibration file, as zlib.crc32 (and the `crc32` tool) checksum them:
  // files written before must still pass their check.
  EXPECT_EQ(crc32("[force]\noffset_n = 3.020000\ngain = 1.059700\n"), 0x06F4119FU);
  EXPECT_EQ(crc32(""), 0U);
}

}  // namespace
}  // namespace calibration
