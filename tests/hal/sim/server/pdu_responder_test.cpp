#include "sim/server/pdu_responder.hpp"

#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"
#include "scripted_drives.hpp"
#include "support/source_tree.hpp"

namespace sim {
namespace {

using test_support::kProfiles;

class PduResponderTest : public ::testing::Test {
 protected:
  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1, 2, 3}};
  PduResponder responder{drives};
};

TEST_F(PduResponderTest, ReadAnswersByteCountThenWordsHighByteFirst) {
  const Pdu answer = responder.answer(1, Pdu{0x03, 0x00, 0x00, 0x00, 0x02});
  EXPECT_EQ(answer, (Pdu{0x03, 0x04, 0x52, 0x41, 0x00, 0x01}));
}

TEST_F(PduResponderTest, WriteSingleEchoesTheRequestAndStoresTheValue) {
  const Pdu request{0x06, 0x01, 0x01, 0x12, 0x34};
  EXPECT_EQ(responder.answer(2, request), request);
  EXPECT_EQ(drives.word(2, 0x0101), 0x1234);
}

TEST_F(PduResponderTest, WriteMultipleAnswersAddressAndQuantity) {
  const Pdu answer =
      responder.answer(3, Pdu{0x10, 0x01, 0x00, 0x00, 0x02, 0x04, 0x00, 0x01, 0xFF, 0xF6});
  EXPECT_EQ(answer, (Pdu{0x10, 0x01, 0x00, 0x00, 0x02}));
  EXPECT_EQ(drives.word(3, 0x0100), 0x0001);
  EXPECT_EQ(drives.word(3, 0x0101), 0xFFF6);
}

TEST_F(PduResponderTest, WriteAndReadWritesBeforeItReads) {
  // Write 0x0100..0x0101, read 0x0100..0x0101 back in the same transaction.
  const Pdu answer = responder.answer(
      1, Pdu{0x17, 0x01, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x02, 0x04, 0x00, 0x11, 0x00, 0x22});
  EXPECT_EQ(answer, (Pdu{0x17, 0x04, 0x00, 0x11, 0x00, 0x22}));
}

TEST_F(PduResponderTest, FunctionOutsideTheProfileIsIllegalFunction) {
  EXPECT_EQ(responder.answer(1, Pdu{0x04, 0x00, 0x00, 0x00, 0x01}), (Pdu{0x84, 0x01}));
  EXPECT_EQ(responder.answer(1, Pdu{0x2B, 0x0E, 0x01, 0x00}), (Pdu{0xAB, 0x01}));
}

TEST_F(PduResponderTest, SecondVendorWithoutFunction23RefusesIt) {
  testing::ScriptedDrives kx7(hal::load_profile(kProfiles + "kx7.toml"), {1});
  PduResponder kx7_responder(kx7);
  const Pdu answer = kx7_responder.answer(
      1, Pdu{0x17, 0x30, 0x00, 0x00, 0x01, 0x20, 0x02, 0x00, 0x01, 0x02, 0x00, 0x01});
  EXPECT_EQ(answer, (Pdu{0x97, 0x01}));
}

TEST_F(PduResponderTest, ReadQuantityZeroOrAbove125IsIllegalDataValue) {
  EXPECT_EQ(responder.answer(1, Pdu{0x03, 0x00, 0x00, 0x00, 0x00}), (Pdu{0x83, 0x03}));
  EXPECT_EQ(responder.answer(1, Pdu{0x03, 0x00, 0x00, 0x00, 126}), (Pdu{0x83, 0x03}));
}

TEST_F(PduResponderTest, ReadOf125RegistersIsAllowedByTheFramingAndLeftToTheDrive) {
  // 125 words from 0 run past the identity block: the drive, not the framing, refuses it.
  EXPECT_EQ(responder.answer(1, Pdu{0x03, 0x00, 0x00, 0x00, 125}), (Pdu{0x83, 0x02}));
}

TEST_F(PduResponderTest, RequestOfTheWrongLengthIsIllegalDataValue) {
  EXPECT_EQ(responder.answer(1, Pdu{0x03, 0x00, 0x00, 0x00}), (Pdu{0x83, 0x03}));
  EXPECT_EQ(responder.answer(1, Pdu{0x06, 0x01, 0x00, 0x00, 0x01, 0x00}), (Pdu{0x86, 0x03}));
}

TEST_F(PduResponderTest, WriteMultipleWithByteCountNotTwiceTheQuantityIsIllegalDataValue) {
  EXPECT_EQ(responder.answer(1, Pdu{0x10, 0x01, 0x00, 0x00, 0x02, 0x02, 0x00, 0x01}),
            (Pdu{0x90, 0x03}));
  EXPECT_EQ(drives.word(1, 0x0100), 0);
}

TEST_F(PduResponderTest, WriteMultipleOf124RegistersIsIllegalDataValue) {
  Pdu request{0x10, 0x01, 0x00, 0x00, 124, 248};
  request.resize(request.size() + 248, 0);
  EXPECT_EQ(responder.answer(1, request), (Pdu{0x90, 0x03}));
}

TEST_F(PduResponderTest, WriteAndReadWritingMoreThan121RegistersIsIllegalDataValue) {
  Pdu request{0x17, 0x02, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 122, 244};
  request.resize(request.size() + 244, 0);
  EXPECT_EQ(responder.answer(1, request), (Pdu{0x97, 0x03}));
}

TEST_F(PduResponderTest, RangePastTheLastAddressIsIllegalDataAddress) {
  EXPECT_EQ(responder.answer(1, Pdu{0x03, 0xFF, 0xFF, 0x00, 0x02}), (Pdu{0x83, 0x02}));
}

TEST_F(PduResponderTest, WriteToReadOnlyRegisterCarriesTheDrivesException) {
  EXPECT_EQ(responder.answer(1, Pdu{0x06, 0x00, 0x00, 0x12, 0x34}), (Pdu{0x86, 0x02}));
  EXPECT_EQ(drives.word(1, 0x0000), 0x5241);
}

TEST_F(PduResponderTest, BroadcastOfWriteSingleReachesEveryDrive) {
  EXPECT_TRUE(responder.apply_broadcast(Pdu{0x06, 0x01, 0x00, 0x00, 0x04}));
  for (const std::uint8_t unit : {1, 2, 3}) EXPECT_EQ(drives.word(unit, 0x0100), 0x0004);
}

TEST_F(PduResponderTest, BroadcastOfAReadOrAMalformedWriteIsIgnored) {
  EXPECT_FALSE(responder.apply_broadcast(Pdu{0x03, 0x00, 0x00, 0x00, 0x01}));
  EXPECT_FALSE(responder.apply_broadcast(Pdu{0x10, 0x01, 0x00, 0x00, 0x02, 0x02, 0x00, 0x04}));
  EXPECT_TRUE(drives.broadcasts().empty());
}

TEST_F(PduResponderTest, EmptyRequestIsNotAnswered) {
  EXPECT_TRUE(responder.answer(1, Pdu{}).empty());
}

}  // namespace
}  // namespace sim
