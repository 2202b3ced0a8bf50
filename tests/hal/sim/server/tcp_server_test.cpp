#include "sim/server/tcp_server.hpp"

#include <array>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "modbus_client.hpp"
#include "profile/profile_loader.hpp"
#include "scripted_drives.hpp"
#include "support/source_tree.hpp"

namespace sim {
namespace {

using namespace std::chrono_literals;
using test_support::kProfiles;

class ModbusTcpServerTest : public ::testing::Test {
 protected:
  testing::ModbusContext connect(int unit) {
    return testing::connect_tcp("127.0.0.1", server.port(), unit);
  }

  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1, 2, 3, 4, 5}};
  LinkFaultInjector faults{1};
  ModbusTcpServer server{drives, faults, "127.0.0.1", 0};
};

TEST_F(ModbusTcpServerTest, ListensOnAnEphemeralPortWhenAskedForPortZero) {
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.host(), "127.0.0.1");
}

TEST_F(ModbusTcpServerTest, LibmodbusReadsTheIdentityBlock) {
  auto ctx = connect(3);
  std::array<std::uint16_t, 8> words{};
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0x0000, 8, words.data()), 8) << modbus_strerror(errno);
  EXPECT_EQ(words[0], 0x5241);
  EXPECT_EQ(words[1], 1);
  EXPECT_EQ(words[2], 3);  // the stand-in drives report their unit id as axis kind
}

TEST_F(ModbusTcpServerTest, LibmodbusWritesACommandRegister) {
  auto ctx = connect(2);
  ASSERT_EQ(modbus_write_register(ctx.get(), 0x0101, 1234), 1) << modbus_strerror(errno);
  const std::array<std::uint16_t, 2> block{0x0001, 0x00FF};
  ASSERT_EQ(modbus_write_registers(ctx.get(), 0x0100, 2, block.data()), 2);
  EXPECT_EQ(drives.word(2, 0x0100), 0x0001);
  EXPECT_EQ(drives.word(2, 0x0101), 0x00FF);
  EXPECT_EQ(drives.word(1, 0x0101), 0);
}

TEST_F(ModbusTcpServerTest, LibmodbusWritesAndReadsInOneTransaction) {
  drives.set_word(1, 0x0201, 777);
  auto ctx = connect(1);
  const std::array<std::uint16_t, 3> command{0x0001, 50, 9};
  std::array<std::uint16_t, 8> status{};
  ASSERT_EQ(modbus_write_and_read_registers(ctx.get(), 0x0100, 3, command.data(), 0x0200, 8,
                                            status.data()),
            8)
      << modbus_strerror(errno);
  EXPECT_EQ(status[1], 777);
  EXPECT_EQ(drives.word(1, 0x0102), 9);
}

TEST_F(ModbusTcpServerTest, FunctionOutsideTheProfileReachesLibmodbusAsIllegalFunction) {
  auto ctx = connect(1);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_input_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBXILFUN);
}

TEST_F(ModbusTcpServerTest, AddressOutsideTheMapReachesLibmodbusAsIllegalDataAddress) {
  auto ctx = connect(1);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0x0050, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBXILADD);
}

TEST_F(ModbusTcpServerTest, ReadOfZeroRegistersReachesLibmodbusAsIllegalDataValue) {
  auto ctx = connect(1);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 0, word.data()), -1);
  EXPECT_EQ(errno, EMBXILVAL);
}

TEST_F(ModbusTcpServerTest, MalformedWriteIsAnsweredWithIllegalDataValue) {
  auto ctx = connect(1);
  // Function 16 whose byte count does not match its quantity.
  const std::array<std::uint8_t, 9> raw{1, 0x10, 0x01, 0x00, 0x00, 0x02, 0x02, 0x00, 0x01};
  ASSERT_GT(modbus_send_raw_request(ctx.get(), raw.data(), raw.size()), 0);
  std::array<std::uint8_t, MODBUS_TCP_MAX_ADU_LENGTH> answer{};
  ASSERT_EQ(modbus_receive_confirmation(ctx.get(), answer.data()), 9);
  EXPECT_EQ(answer[7], 0x90);
  EXPECT_EQ(answer[8], 0x03);
}

TEST_F(ModbusTcpServerTest, UnitNoDriveHasIsGatewayTargetFailed) {
  auto ctx = connect(9);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBXGTAR);
}

TEST_F(ModbusTcpServerTest, SeveralMastersAreServedAtOnce) {
  auto first = connect(1);
  auto second = connect(4);
  std::array<std::uint16_t, 1> word{};
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(modbus_read_registers(first.get(), 2, 1, word.data()), 1);
    EXPECT_EQ(word[0], 1);
    ASSERT_EQ(modbus_read_registers(second.get(), 2, 1, word.data()), 1);
    EXPECT_EQ(word[0], 4);
  }
}

TEST_F(ModbusTcpServerTest, DroppedAnswerIsATimeoutAndTheNextRequestIsAnswered) {
  auto ctx = connect(1);
  testing::set_response_timeout(ctx.get(), 100ms);
  faults.change({.drop = 1.0});
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  faults.clear();
  testing::expect_answers_again(ctx.get());
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), 1);
}

TEST_F(ModbusTcpServerTest, SilentLinkTimesOutForTheChosenUnitOnly) {
  faults.change({.silent = true}, 2);
  auto silent = connect(2);
  auto healthy = connect(3);
  testing::set_response_timeout(silent.get(), 100ms);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(silent.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  EXPECT_EQ(modbus_read_registers(healthy.get(), 0, 1, word.data()), 1);
}

TEST_F(ModbusTcpServerTest, DroppedAnswerStillAppliesTheWriteButACutLinkDoesNot) {
  auto ctx = connect(1);
  testing::set_response_timeout(ctx.get(), 100ms);
  faults.change({.drop = 1.0});
  EXPECT_EQ(modbus_write_register(ctx.get(), 0x0102, 11), -1);
  EXPECT_EQ(drives.word(1, 0x0102), 11);
  faults.clear();
  faults.change({.silent = true});
  EXPECT_EQ(modbus_write_register(ctx.get(), 0x0102, 12), -1);
  EXPECT_EQ(drives.word(1, 0x0102), 11);
}

TEST_F(ModbusTcpServerTest, CorruptedAnswerIsRefusedByLibmodbusAndTheStreamStaysInStep) {
  auto ctx = connect(1);
  faults.change({.corrupt = 1.0});
  std::array<std::uint16_t, 2> words{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 2, words.data()), -1);
  EXPECT_EQ(errno, EMBBADDATA);
  faults.clear();
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0, 2, words.data()), 2);
  EXPECT_EQ(words[0], 0x5241);
}

TEST_F(ModbusTcpServerTest, DelayedAnswerArrivesNoSoonerThanTheDelay) {
  auto ctx = connect(1);
  faults.change({.delay = 40ms});
  std::array<std::uint16_t, 1> word{};
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), 1);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 40ms);
}

TEST_F(ModbusTcpServerTest, BrokenHeaderClosesThatConnectionOnlyAndTheServerServesOn) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket rogue(io);
  rogue.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const std::array<std::uint8_t, 7> bad{0, 1, 0x12, 0x34, 0, 2, 1};  // protocol id 0x1234
  asio::write(rogue, asio::buffer(bad));
  std::array<std::uint8_t, 1> byte{};
  boost::system::error_code error;
  asio::read(rogue, asio::buffer(byte), error);
  EXPECT_EQ(error, asio::error::eof);

  auto ctx = connect(1);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), 1);
}

TEST(ModbusTcpServer, PortInUseIsAnErrorNamingTheAddress) {
  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1}};
  LinkFaultInjector faults{1};
  ModbusTcpServer first(drives, faults, "127.0.0.1", 0);
  try {
    ModbusTcpServer second(drives, faults, "127.0.0.1", first.port());
    FAIL() << "a second server listened on the same port";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(first.port())),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace sim
