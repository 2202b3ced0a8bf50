#include "daemon/calibration/utc_seconds.hpp"

#include <gtest/gtest.h>

namespace calibration {
namespace {

TEST(UtcSeconds, TextIsIso8601InUtcAndReadsBack) {
  const std::chrono::sys_seconds time{std::chrono::seconds{1795525502}};
  EXPECT_EQ(utc_seconds_text(time), "2026-11-24T13:05:02Z");
  EXPECT_EQ(parse_utc_seconds("2026-11-24T13:05:02Z"), time);
  EXPECT_EQ(utc_seconds_text(std::chrono::sys_seconds{}), "1970-01-01T00:00:00Z");
}

TEST(UtcSeconds, OtherFormsAndDaysThatDoNotExistAreRefused) {
  EXPECT_FALSE(parse_utc_seconds("2026-11-24 13:05:02Z"));
  EXPECT_FALSE(parse_utc_seconds("2026-11-24T13:05:02"));
  EXPECT_FALSE(parse_utc_seconds("2026-11-24T13:05:02+01:00"));
  EXPECT_FALSE(parse_utc_seconds("2026-02-30T13:05:02Z"));
  EXPECT_FALSE(parse_utc_seconds("2026-11-24T24:00:00Z"));
  EXPECT_FALSE(parse_utc_seconds("2026-1a-24T13:05:02Z"));
  EXPECT_FALSE(parse_utc_seconds("2026-+1-24T13:05:02Z"));
}

}  // namespace
}  // namespace calibration
