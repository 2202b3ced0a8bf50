#include "sim/server/line_timing.hpp"

#include <gtest/gtest.h>

namespace sim {
namespace {

using namespace std::chrono_literals;

TEST(SerialLineTiming, EvenParityLineSendsElevenBitsPerCharacter) {
  SerialLineTiming line;
  EXPECT_EQ(line.bits_per_character(), 11);
  line.parity = hal::Parity::none;
  EXPECT_EQ(line.bits_per_character(), 10);
}

TEST(SerialLineTiming, CharacterAt115200TakesAbout95Microseconds) {
  const SerialLineTiming line;
  EXPECT_EQ(line.character_time(), 95486ns);
  EXPECT_EQ(line.wire_time(21), 2005208ns);
}

TEST(SerialLineTiming, ExchangeIsRequestSilenceTurnaroundAndAnswer) {
  SerialLineTiming line;
  line.baud = 19200;
  line.turnaround = 200us;
  // 8 + 21 characters of 572.9 us, 3.5 characters of silence, 200 us.
  const auto expected =
      line.wire_time(8) + line.character_time() * 7 / 2 + 200us + line.wire_time(21);
  EXPECT_EQ(line.exchange_time(8, 21), expected);
  EXPECT_GT(line.exchange_time(8, 21), 18ms);
  EXPECT_LT(line.exchange_time(8, 21), 19ms);
}

}  // namespace
}  // namespace sim
