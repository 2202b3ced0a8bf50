#include "modbus/pdu_codec.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using hal::DriveErrorKind;
using Bytes = std::vector<std::uint8_t>;

TEST(PduCodec, ReadRequestIsFunction03AddressAndQuantity) {
  const auto request = hal::pdu::read_request(0x0102, 3);
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(*request, (Bytes{0x03, 0x01, 0x02, 0x00, 0x03}));
}

TEST(PduCodec, WriteSingleRequestIsFunction06AddressAndValue) {
  EXPECT_EQ(hal::pdu::write_single_request(0x0010, 0xBEEF), (Bytes{0x06, 0x00, 0x10, 0xBE, 0xEF}));
}

TEST(PduCodec, WriteRequestIsFunction16WithQuantityAndByteCount) {
  const std::array<std::uint16_t, 2> words{0x1234, 0xFFFE};
  const auto request = hal::pdu::write_request(0x0020, words);
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(*request, (Bytes{0x10, 0x00, 0x20, 0x00, 0x02, 0x04, 0x12, 0x34, 0xFF, 0xFE}));
}

// Modbus Application Protocol 6.17: read address and quantity come first, then the write's.
TEST(PduCodec, WriteReadRequestPutsTheReadBeforeTheWrite) {
  const std::array<std::uint16_t, 3> words{0x0001, 0x0203, 0x0405};
  const auto request = hal::pdu::write_read_request(0x0030, words, 0x0100, 6);
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(*request, (Bytes{0x17, 0x01, 0x00, 0x00, 0x06, 0x00, 0x30, 0x00, 0x03, 0x06, 0x00, 0x01,
                             0x02, 0x03, 0x04, 0x05}));
}

TEST(PduCodec, RequestsAboveTheModbusLimitsAreRefusedBeforeSending) {
  const std::vector<std::uint16_t> too_many(124, 0);
  EXPECT_EQ(hal::pdu::read_request(0, 126).error().kind, DriveErrorKind::bad_frame);
  EXPECT_EQ(hal::pdu::write_request(0, too_many).error().kind, DriveErrorKind::bad_frame);
  const std::vector<std::uint16_t> above_23(122, 0);
  const auto refused = hal::pdu::write_read_request(0, above_23, 0, 1);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().detail.find("more registers"), std::string::npos);
}

TEST(PduCodec, RegistersOfAReadAnswerAreTaken) {
  const auto request = *hal::pdu::read_request(0x0102, 2);
  std::array<std::uint16_t, 2> out{};
  EXPECT_TRUE(hal::pdu::take_answer(request, Bytes{0x03, 0x04, 0xAB, 0xCD, 0x00, 0x07}, out));
  EXPECT_EQ(out, (std::array<std::uint16_t, 2>{0xABCD, 0x0007}));
}

TEST(PduCodec, WriteReadAnswerCarriesTheRegistersRead) {
  const std::array<std::uint16_t, 1> words{0x0001};
  const auto request = *hal::pdu::write_read_request(0x0030, words, 0x0100, 1);
  std::array<std::uint16_t, 1> out{};
  EXPECT_TRUE(hal::pdu::take_answer(request, Bytes{0x17, 0x02, 0x12, 0x34}, out));
  EXPECT_EQ(out[0], 0x1234);
}

TEST(PduCodec, AnAnswerOfTheWrongLengthOrByteCountIsABadFrame) {
  const auto request = *hal::pdu::read_request(0x0102, 2);
  std::array<std::uint16_t, 2> out{};
  const auto short_answer = hal::pdu::take_answer(request, Bytes{0x03, 0x02, 0xAB, 0xCD}, out);
  ASSERT_FALSE(short_answer.has_value());
  EXPECT_EQ(short_answer.error().kind, DriveErrorKind::bad_frame);
  const auto wrong_count =
      hal::pdu::take_answer(request, Bytes{0x03, 0x05, 0xAB, 0xCD, 0x00, 0x07}, out);
  EXPECT_EQ(wrong_count.error().kind, DriveErrorKind::bad_frame);
}

TEST(PduCodec, AnAnswerToAnotherFunctionIsABadFrame) {
  const auto request = *hal::pdu::read_request(0x0102, 1);
  std::array<std::uint16_t, 1> out{};
  const auto taken = hal::pdu::take_answer(request, Bytes{0x17, 0x02, 0x00, 0x01}, out);
  EXPECT_EQ(taken.error().kind, DriveErrorKind::bad_frame);
}

TEST(PduCodec, WritesMustBeEchoed) {
  const auto single = hal::pdu::write_single_request(0x0010, 0x0002);
  EXPECT_TRUE(hal::pdu::take_answer(single, single, {}));
  EXPECT_EQ(hal::pdu::take_answer(single, Bytes{0x06, 0x00, 0x10, 0x00, 0x03}, {}).error().kind,
            DriveErrorKind::bad_frame);
  const std::array<std::uint16_t, 2> words{1, 2};
  const auto multiple = *hal::pdu::write_request(0x0020, words);
  EXPECT_TRUE(hal::pdu::take_answer(multiple, Bytes{0x10, 0x00, 0x20, 0x00, 0x02}, {}));
  EXPECT_EQ(hal::pdu::take_answer(multiple, Bytes{0x10, 0x00, 0x21, 0x00, 0x02}, {}).error().kind,
            DriveErrorKind::bad_frame);
}

TEST(PduCodec, AnExceptionAnswerIsAModbusExceptionWithItsCode) {
  const std::array<std::uint16_t, 1> words{0x0001};
  const auto request = *hal::pdu::write_read_request(0x0030, words, 0x0100, 1);
  std::array<std::uint16_t, 1> out{};
  // Function 23 with bit 7 set, exception 02: illegal data address.
  const auto taken = hal::pdu::take_answer(request, Bytes{0x97, 0x02}, out);
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().kind, DriveErrorKind::modbus_exception);
  EXPECT_EQ(taken.error().exception_code, 0x02);
}

TEST(PduCodec, AMalformedExceptionIsABadFrame) {
  const auto request = *hal::pdu::read_request(0x0102, 1);
  std::array<std::uint16_t, 1> out{};
  // Another function's exception, an undefined code, a missing code.
  for (const auto& answer :
       {Bytes{0x90, 0x02}, Bytes{0x83, 0x00}, Bytes{0x83, 0x0C}, Bytes{0x83}}) {
    const auto taken = hal::pdu::take_answer(request, answer, out);
    ASSERT_FALSE(taken.has_value());
    EXPECT_EQ(taken.error().kind, DriveErrorKind::bad_frame);
  }
}

TEST(PduCodec, NoAnswerIsATimeout) {
  const auto request = *hal::pdu::read_request(0x0102, 1);
  std::array<std::uint16_t, 1> out{};
  EXPECT_EQ(hal::pdu::take_answer(request, Bytes{}, out).error().kind, DriveErrorKind::timeout);
}

}  // namespace
