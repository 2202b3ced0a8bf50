#include "sim/server/rtu_server.hpp"

#include <poll.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "modbus_client.hpp"
#include "profile/profile_loader.hpp"
#include "scripted_drives.hpp"
#include "sim/server/rtu_frame.hpp"
#include "support/source_tree.hpp"
#include "support/temp_directory.hpp"

namespace sim {
namespace {

using namespace std::chrono_literals;
using test_support::kProfiles;

RtuServerOptions options_at(const std::filesystem::path& device, int baud = 115200) {
  RtuServerOptions options;
  options.device = device;
  options.line.baud = baud;
  return options;
}

class ModbusRtuServerTest : public ::testing::Test {
 protected:
  testing::ModbusContext connect(int unit, int baud = 115200) {
    return testing::connect_rtu(server.device().string(), baud, 'E', unit);
  }

  test_support::TempDirectory dir;
  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1, 2, 3, 4, 5}};
  LinkFaultInjector faults{1};
  ModbusRtuServer server{drives, faults, options_at(dir / "ttySIM0")};
};

TEST_F(ModbusRtuServerTest, DeviceIsALinkToThePseudoTerminal) {
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "ttySIM0"));
  EXPECT_EQ(std::filesystem::read_symlink(dir / "ttySIM0"), server.pty());
}

TEST_F(ModbusRtuServerTest, LibmodbusReadsTheIdentityBlock) {
  auto ctx = connect(3);
  std::array<std::uint16_t, 8> words{};
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0x0000, 8, words.data()), 8) << modbus_strerror(errno);
  EXPECT_EQ(words[0], 0x5241);
  EXPECT_EQ(words[2], 3);
}

TEST_F(ModbusRtuServerTest, LibmodbusWritesCommandsSingleAndMultiple) {
  auto ctx = connect(2);
  ASSERT_EQ(modbus_write_register(ctx.get(), 0x0102, 77), 1) << modbus_strerror(errno);
  const std::array<std::uint16_t, 2> block{0x0001, 0x0123};
  ASSERT_EQ(modbus_write_registers(ctx.get(), 0x0100, 2, block.data()), 2)
      << modbus_strerror(errno);
  EXPECT_EQ(drives.word(2, 0x0102), 77);
  EXPECT_EQ(drives.word(2, 0x0101), 0x0123);
}

TEST_F(ModbusRtuServerTest, LibmodbusWritesAndReadsInOneTransaction) {
  drives.set_word(4, 0x0207, 312);
  auto ctx = connect(4);
  const std::array<std::uint16_t, 3> command{0x0001, 100, 5};
  std::array<std::uint16_t, 8> status{};
  ASSERT_EQ(modbus_write_and_read_registers(ctx.get(), 0x0100, 3, command.data(), 0x0200, 8,
                                            status.data()),
            8)
      << modbus_strerror(errno);
  EXPECT_EQ(status[7], 312);
  EXPECT_EQ(drives.word(4, 0x0101), 100);
}

TEST_F(ModbusRtuServerTest, ExceptionsReachLibmodbusAsTheirErrno) {
  auto ctx = connect(1);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_input_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBXILFUN);
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0x0050, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBXILADD);
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 0, word.data()), -1);
  EXPECT_EQ(errno, EMBXILVAL);
}

TEST_F(ModbusRtuServerTest, UnknownFunctionIsAnsweredAfterTheLineFallsSilent) {
  auto ctx = connect(1);
  // Function 0x41 (user-defined) of no known length: ends by silence, then exception 01.
  const std::array<std::uint8_t, 4> raw{1, 0x41, 0x12, 0x34};
  ASSERT_GT(modbus_send_raw_request(ctx.get(), raw.data(), raw.size()), 0);
  std::array<std::uint8_t, MODBUS_RTU_MAX_ADU_LENGTH> answer{};
  // libmodbus cannot tell the length of an answer to an unknown function; read the raw bytes.
  const int fd = modbus_get_socket(ctx.get());
  std::vector<std::uint8_t> got;
  const auto until = std::chrono::steady_clock::now() + 1s;
  while (got.size() < 5 && std::chrono::steady_clock::now() < until) {
    pollfd in{fd, POLLIN, 0};
    if (::poll(&in, 1, 100) <= 0) continue;
    const auto n = ::read(fd, answer.data(), answer.size());
    if (n > 0) got.insert(got.end(), answer.begin(), answer.begin() + n);
  }
  ASSERT_EQ(got.size(), 5U);
  EXPECT_EQ(got[0], 1);
  EXPECT_EQ(got[1], 0xC1);
  EXPECT_EQ(got[2], 0x01);
  EXPECT_TRUE(rtu_crc_matches(got));
}

TEST_F(ModbusRtuServerTest, FrameForAnotherUnitIsMetWithSilence) {
  auto ctx = connect(9);
  testing::set_response_timeout(ctx.get(), 100ms);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
}

TEST_F(ModbusRtuServerTest, FrameWithABadCrcIsMetWithSilenceAndTheNextIsAnswered) {
  auto ctx = connect(1);
  testing::set_response_timeout(ctx.get(), 100ms);
  auto frame = rtu_frame(1, Pdu{0x06, 0x01, 0x02, 0x00, 0x09}, true);
  ASSERT_EQ(::write(modbus_get_socket(ctx.get()), frame.data(), frame.size()),
            static_cast<ssize_t>(frame.size()));
  std::array<std::uint8_t, MODBUS_RTU_MAX_ADU_LENGTH> answer{};
  EXPECT_EQ(modbus_receive_confirmation(ctx.get(), answer.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  EXPECT_EQ(drives.word(1, 0x0102), 0);
  testing::expect_answers_again(ctx.get());
  EXPECT_EQ(modbus_write_register(ctx.get(), 0x0102, 9), 1) << modbus_strerror(errno);
}

TEST_F(ModbusRtuServerTest, BroadcastIsAppliedByEveryDriveAndAnsweredByNone) {
  auto ctx = connect(0);
  testing::set_response_timeout(ctx.get(), 100ms);
  // Unit 0, function 06, CONTROL = QUICK_STOP.
  const std::array<std::uint8_t, 6> raw{0, 0x06, 0x01, 0x00, 0x00, 0x04};
  ASSERT_GT(modbus_send_raw_request(ctx.get(), raw.data(), raw.size()), 0);
  std::array<std::uint8_t, MODBUS_RTU_MAX_ADU_LENGTH> answer{};
  EXPECT_EQ(modbus_receive_confirmation(ctx.get(), answer.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  for (const std::uint8_t unit : {1, 2, 3, 4, 5}) EXPECT_EQ(drives.word(unit, 0x0100), 4);
}

TEST_F(ModbusRtuServerTest, CutBusKeepsEvenABroadcastFromTheDrives) {
  faults.change({.silent = true});
  auto ctx = connect(0);
  testing::set_response_timeout(ctx.get(), 50ms);
  const std::array<std::uint8_t, 6> raw{0, 0x06, 0x01, 0x00, 0x00, 0x04};
  ASSERT_GT(modbus_send_raw_request(ctx.get(), raw.data(), raw.size()), 0);
  std::array<std::uint8_t, MODBUS_RTU_MAX_ADU_LENGTH> answer{};
  EXPECT_EQ(modbus_receive_confirmation(ctx.get(), answer.data()), -1);
  EXPECT_TRUE(drives.broadcasts().empty());
}

TEST_F(ModbusRtuServerTest, CutLinkToOneUnitKeepsItsWritesFromIt) {
  faults.change({.silent = true}, 2);
  auto ctx = connect(2);
  testing::set_response_timeout(ctx.get(), 50ms);
  EXPECT_EQ(modbus_write_register(ctx.get(), 0x0102, 5), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  EXPECT_EQ(drives.word(2, 0x0102), 0);
}

TEST_F(ModbusRtuServerTest, CorruptedAnswerReachesLibmodbusAsABadCrc) {
  auto ctx = connect(1);
  faults.change({.corrupt = 1.0});
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBBADCRC);
  faults.clear();
  modbus_flush(ctx.get());
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), 1) << modbus_strerror(errno);
}

TEST_F(ModbusRtuServerTest, DroppedAndSilencedAnswersAreTimeouts) {
  auto ctx = connect(5);
  testing::set_response_timeout(ctx.get(), 100ms);
  std::array<std::uint16_t, 1> word{};
  faults.change({.drop = 1.0});
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  faults.clear();
  faults.change({.silent = true}, 5);
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  faults.clear();
  testing::expect_answers_again(ctx.get());
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), 1) << modbus_strerror(errno);
}

TEST_F(ModbusRtuServerTest, DelayedAnswerArrivesNoSoonerThanTheDelay) {
  auto ctx = connect(1);
  faults.change({.delay = 30ms});
  std::array<std::uint16_t, 1> word{};
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), 1) << modbus_strerror(errno);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

// Request 8 bytes, answer 5 + 2n bytes, 11 bits per character.
std::chrono::nanoseconds expected_read_time(int baud, int registers) {
  SerialLineTiming line;
  line.baud = baud;
  return line.exchange_time(8, 5 + 2 * static_cast<std::size_t>(registers));
}

std::chrono::steady_clock::duration fastest_read(modbus_t* ctx, int registers) {
  std::array<std::uint16_t, 125> words{};
  auto fastest = std::chrono::steady_clock::duration::max();
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(modbus_read_registers(ctx, 0x0200, registers, words.data()), registers);
    fastest = std::min(fastest, std::chrono::steady_clock::now() - start);
  }
  return fastest;
}

TEST_F(ModbusRtuServerTest, AnswerTimeAt115200FollowsTheFrameSizes) {
  auto ctx = connect(1);
  // 8 registers: (8 + 21) characters of 95.5 us, 3.5 characters of silence, 200 us: 3.3 ms.
  EXPECT_GE(fastest_read(ctx.get(), 8), expected_read_time(115200, 8));
}

TEST(ModbusRtuServer, SlowerLineTakesLonger) {
  test_support::TempDirectory dir;
  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1}};
  LinkFaultInjector faults{1};
  ModbusRtuServer server{drives, faults, options_at(dir / "ttySIM0", 19200)};
  auto ctx = testing::connect_rtu(server.device().string(), 19200, 'E', 1);
  // 8 registers at 19200: about 19 ms.
  EXPECT_GE(fastest_read(ctx.get(), 8), expected_read_time(19200, 8));
  EXPECT_GT(expected_read_time(19200, 8), 18ms);
}

TEST(ModbusRtuServer, StaleLinkIsReplacedAndRemovedOnShutdown) {
  test_support::TempDirectory dir;
  std::filesystem::create_symlink("/dev/pts/9999", dir / "ttySIM0");
  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1}};
  LinkFaultInjector faults{1};
  {
    ModbusRtuServer server{drives, faults, options_at(dir / "ttySIM0")};
    EXPECT_EQ(std::filesystem::read_symlink(dir / "ttySIM0"), server.pty());
  }
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(dir / "ttySIM0")));
}

TEST(ModbusRtuServer, RegularFileAtTheDevicePathIsLeftAloneAndReported) {
  test_support::TempDirectory dir;
  { std::ofstream(dir / "ttySIM0") << "precious"; }
  testing::ScriptedDrives drives{hal::load_profile(kProfiles + "ra1.toml"), {1}};
  LinkFaultInjector faults{1};
  EXPECT_THROW(ModbusRtuServer(drives, faults, options_at(dir / "ttySIM0")), std::runtime_error);
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "ttySIM0"));
}

}  // namespace
}  // namespace sim
