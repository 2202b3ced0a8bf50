#include "modbus/link_fault.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <modbus/modbus.h>

#include <cerrno>

namespace {

using hal::DriveErrorKind;

TEST(LinkFault, TimeoutIsATimeoutThatDirtiesTheLine) {
  const auto f = hal::link_fault_from_errno(ETIMEDOUT);
  EXPECT_EQ(f.kind, DriveErrorKind::timeout);
  EXPECT_TRUE(hal::leaves_line_dirty(f));
  EXPECT_FALSE(hal::breaks_link(f));
}

TEST(LinkFault, CrcAndMismatchedRepliesAreBadFrames) {
  for (const int e : {EMBBADCRC, EMBBADDATA, EMBBADEXC, EMBUNKEXC, EMBBADSLAVE}) {
    const auto f = hal::link_fault_from_errno(e);
    EXPECT_EQ(f.kind, DriveErrorKind::bad_frame) << e;
    EXPECT_TRUE(hal::leaves_line_dirty(f)) << e;
    EXPECT_FALSE(f.detail.empty()) << e;
  }
  EXPECT_THAT(hal::link_fault_from_errno(EMBBADCRC).detail, ::testing::HasSubstr("CRC"));
}

TEST(LinkFault, ExceptionsKeepTheirCode) {
  const auto f = hal::link_fault_from_errno(EMBXILADD);
  EXPECT_EQ(f.kind, DriveErrorKind::modbus_exception);
  ASSERT_TRUE(f.exception_code.has_value());
  EXPECT_EQ(*f.exception_code, 0x02);
  EXPECT_FALSE(hal::leaves_line_dirty(f));
  EXPECT_EQ(hal::link_fault_from_errno(EMBXGTAR).exception_code, 0x0B);
  EXPECT_EQ(hal::link_fault_from_errno(EMBXILFUN).exception_code, 0x01);
}

TEST(LinkFault, ClosedConnectionBreaksTheLink) {
  for (const int e : {ECONNRESET, EPIPE, ECONNREFUSED, EBADF, ENOENT, EIO}) {
    const auto f = hal::link_fault_from_errno(e);
    EXPECT_EQ(f.kind, DriveErrorKind::disconnected) << e;
    EXPECT_TRUE(hal::breaks_link(f)) << e;
  }
  EXPECT_THAT(hal::link_fault_from_errno(ECONNREFUSED).detail, ::testing::HasSubstr("refused"));
}

}  // namespace
