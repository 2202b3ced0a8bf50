#include "sim/server/rtu_frame.hpp"

#include <gtest/gtest.h>

namespace sim {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(RtuFrame, ReadAndWriteSingleAreEightBytes) {
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x03}), 8U);
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x06}), 8U);
}

TEST(RtuFrame, WriteMultipleLengthComesFromItsByteCount) {
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x10, 1, 0, 0, 2}), std::nullopt);
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x10, 1, 0, 0, 2, 4}), 13U);
}

TEST(RtuFrame, WriteAndReadLengthComesFromItsByteCount) {
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x17, 2, 0, 0, 8, 1, 0, 0, 3}), std::nullopt);
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x17, 2, 0, 0, 8, 1, 0, 0, 3, 6}), 19U);
}

TEST(RtuFrame, OtherFunctionsHaveNoKnownLength) {
  EXPECT_EQ(rtu_request_length(Bytes{1, 0x04, 0, 0, 0, 1, 0, 0}), std::nullopt);
  EXPECT_FALSE(rtu_request_has_known_length(0x04));
  EXPECT_TRUE(rtu_request_has_known_length(0x17));
}

TEST(RtuFrame, FrameCarriesCrcLowByteFirst) {
  EXPECT_EQ(rtu_frame(1, Pdu{0x03, 0x00, 0x00, 0x00, 0x01}),
            (Bytes{0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A}));
}

TEST(RtuFrame, BrokenCrcFailsTheCheckAndAGoodOnePasses) {
  const Pdu pdu{0x06, 0x01, 0x00, 0x00, 0x01};
  EXPECT_TRUE(rtu_crc_matches(rtu_frame(3, pdu)));
  EXPECT_FALSE(rtu_crc_matches(rtu_frame(3, pdu, true)));
  EXPECT_FALSE(rtu_crc_matches(Bytes{1, 2, 3}));
}

}  // namespace
}  // namespace sim
