#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

#include "modbus/modbus_link.hpp"

namespace {

using namespace std::chrono_literals;
using hal::DriveErrorKind;
using Bytes = std::vector<std::uint8_t>;

// A drive that answers every read (03) with its unit id in each register and every write by
// echoing it, and says nothing when `silent` is set.
struct FakeDrive {
  bool silent = false;
  std::vector<Bytes> requests;
  hal::InMemoryLink link() {
    return {[this](int unit, std::span<const std::uint8_t> request) -> Bytes {
              requests.emplace_back(request.begin(), request.end());
              if (silent) return {};
              if (request[0] != 0x03) return Bytes(request.begin(), request.begin() + 5);
              const std::uint8_t count = request[4];
              Bytes answer{request[0], static_cast<std::uint8_t>(2 * count)};
              for (int i = 0; i < count; ++i) {
                answer.push_back(0);
                answer.push_back(static_cast<std::uint8_t>(unit));
              }
              return answer;
            },
            "test drives"};
  }
};

TEST(InMemoryLink, ReadsTheDrivesAnswerAndCountsTheTransaction) {
  FakeDrive drive;
  hal::ModbusLink link(drive.link(), 20ms);
  EXPECT_EQ(link.describe(), "in-memory test drives");
  EXPECT_FALSE(link.is_rtu());
  ASSERT_TRUE(link.open());
  std::array<std::uint16_t, 2> out{};
  hal::StatisticsRecorder axis;
  ASSERT_TRUE(link.read(4, 0x0100, out, &axis));
  EXPECT_EQ(out, (std::array<std::uint16_t, 2>{4, 4}));
  ASSERT_EQ(drive.requests.size(), 1U);
  EXPECT_EQ(drive.requests[0], (Bytes{0x03, 0x01, 0x00, 0x00, 0x02}));
  EXPECT_EQ(link.statistics().snapshot().transactions, 1U);
  EXPECT_EQ(axis.snapshot().transactions, 1U);
}

TEST(InMemoryLink, NoAnswerIsATimeoutWithoutWaitingTheResponseTimeout) {
  FakeDrive drive;
  drive.silent = true;
  hal::ModbusLink link(drive.link(), 5000ms);
  ASSERT_TRUE(link.open());
  std::array<std::uint16_t, 1> out{};
  const auto before = std::chrono::steady_clock::now();
  const auto outcome = link.read(1, 0, out, nullptr);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().kind, DriveErrorKind::timeout);
  EXPECT_NE(outcome.error().detail.find("in-memory test drives"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - before, 5000ms);
  EXPECT_EQ(link.statistics().snapshot().timeouts, 1U);
  EXPECT_TRUE(link.is_open());  // a timeout leaves the link open, as on TCP
}

TEST(InMemoryLink, TheGateRunsBeforeEachTransactionUnlessBypassed) {
  FakeDrive drive;
  hal::ModbusLink link(drive.link(), 20ms);
  ASSERT_TRUE(link.open());
  int gates = 0;
  link.set_transaction_gate([&gates] { ++gates; });
  EXPECT_TRUE(link.write_single(1, 0x10, 7, nullptr));
  EXPECT_EQ(gates, 1);
  {
    const auto bypass = link.bypass_gate();
    std::array<std::uint16_t, 1> out{};
    EXPECT_TRUE(link.read(1, 0, out, nullptr));
  }
  EXPECT_EQ(gates, 1);
}

TEST(InMemoryLink, ABroadcastIsRefusedAsOnTcp) {
  FakeDrive drive;
  hal::ModbusLink link(drive.link(), 20ms);
  ASSERT_TRUE(link.open());
  const std::array<std::uint16_t, 1> words{1};
  const auto outcome = link.broadcast(0x10, words);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().kind, DriveErrorKind::disconnected);
  EXPECT_TRUE(drive.requests.empty());
}

TEST(InMemoryLink, WithNothingWiredItDoesNotOpen) {
  hal::ModbusLink link(hal::InMemoryLink{}, 20ms);
  const auto opened = link.open();
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().kind, DriveErrorKind::disconnected);
  EXPECT_FALSE(link.is_open());
  std::array<std::uint16_t, 1> out{};
  EXPECT_EQ(link.read(1, 0, out, nullptr).error().kind, DriveErrorKind::disconnected);
}

}  // namespace
