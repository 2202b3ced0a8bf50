// The chair-sim program as other tests and people use it: started as a process, spoken to by
// libmodbus over TCP and over its pseudo-terminal, and steered through its control socket.

#include <array>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "modbus_client.hpp"
#include "support/sim_process.hpp"
#include "support/source_tree.hpp"

namespace sim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::SimProcess;

using test_support::kProfiles;

// RA-1 registers, from the datasheet.
constexpr int kControl = 0x0100;
constexpr int kSetpoint = 0x0101;
constexpr std::uint16_t kEnable = 0x0001;
constexpr std::uint16_t kQuickStop = 0x0004;
constexpr std::uint16_t kVelocityMode = 0x0100;

// Polls the simulator's truth until `holds` is true of it, for at most `timeout`.
template <class Predicate>
json state_when(SimProcess& sim, Predicate holds, std::chrono::milliseconds timeout = 3s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  json state = sim.control({{"cmd", "state"}});
  while (!holds(state) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
    state = sim.control({{"cmd", "state"}});
  }
  return state;
}

TEST(ChairSim, ServesTheRa1IdentityOverTcp) {
  SimProcess sim(SimProcess::Link::tcp);
  EXPECT_EQ(sim.host(), "127.0.0.1");
  auto ctx = testing::connect_tcp(sim.host(), sim.port(), 3);
  std::array<std::uint16_t, 8> identity{};
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0x0000, 8, identity.data()), 8)
      << modbus_strerror(errno);
  EXPECT_EQ(identity[0], 0x5241);  // MAP_ID
  EXPECT_EQ(identity[1], 1);       // MAP_VERSION
  EXPECT_EQ(identity[2], 3);       // AXIS_KIND depth
}

TEST(ChairSim, DriveRefusesASetpointOutOfRangeWithIllegalDataValue) {
  SimProcess sim(SimProcess::Link::tcp);
  auto ctx = testing::connect_tcp(sim.host(), sim.port(), 1);
  // Travel ends at 1200 mm; 1300 mm in 0.1 mm counts.
  EXPECT_EQ(modbus_write_register(ctx.get(), kSetpoint, 13000), -1);
  EXPECT_EQ(errno, EMBXILVAL);
}

TEST(ChairSim, UnitWithoutADriveIsGatewayTargetFailed) {
  SimProcess sim(SimProcess::Link::tcp, {"--units", "tap=9"});
  auto ctx = testing::connect_tcp(sim.host(), sim.port(), 5);
  std::array<std::uint16_t, 1> word{};
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, EMBXGTAR);
  modbus_set_slave(ctx.get(), 9);
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0x0002, 1, word.data()), 1);
  EXPECT_EQ(word[0], 5);  // tap
}

TEST(ChairSim, VelocityCommandOverTcpTurnsTheKneadingMotor) {
  SimProcess sim(SimProcess::Link::tcp);
  auto ctx = testing::connect_tcp(sim.host(), sim.port(), 4);
  const std::array<std::uint16_t, 3> command{kEnable | kVelocityMode, 300, 1};  // 30 rpm
  std::array<std::uint16_t, 8> status{};
  ASSERT_EQ(modbus_write_and_read_registers(ctx.get(), kControl, 3, command.data(), 0x0200, 8,
                                            status.data()),
            8)
      << modbus_strerror(errno);
  const json state = state_when(sim, [](const json& s) {
    return s.at("axes").at("knead").at("velocity").get<double>() > 29.0;
  });
  EXPECT_NEAR(state.at("axes").at("knead").at("velocity").get<double>(), 30.0, 1.0);
  EXPECT_TRUE(state.at("axes").at("knead").at("enabled").get<bool>());
}

TEST(ChairSim, BroadcastQuickStopOnRtuStopsEveryDrive) {
  SimProcess sim(SimProcess::Link::rtu);
  for (const int unit : {4, 5}) {  // the rotary axes need no homing
    auto ctx = testing::connect_rtu(sim.device().string(), 115200, 'E', unit);
    const std::array<std::uint16_t, 2> command{kEnable | kVelocityMode, 200};  // 20 rpm
    ASSERT_EQ(modbus_write_registers(ctx.get(), kControl, 2, command.data()), 2)
        << modbus_strerror(errno);
  }
  auto turning = [](const json& s) {
    return s.at("axes").at("knead").at("velocity").get<double>() > 19.0 &&
           s.at("axes").at("tap").at("velocity").get<double>() > 19.0;
  };
  ASSERT_TRUE(turning(state_when(sim, turning)));

  auto ctx = testing::connect_rtu(sim.device().string(), 115200, 'E', 0);
  testing::set_response_timeout(ctx.get(), 100ms);
  const std::array<std::uint8_t, 6> raw{0, 0x06, 0x01, 0x00, 0x00, kQuickStop};
  ASSERT_GT(modbus_send_raw_request(ctx.get(), raw.data(), raw.size()), 0);
  std::array<std::uint8_t, MODBUS_RTU_MAX_ADU_LENGTH> answer{};
  EXPECT_EQ(modbus_receive_confirmation(ctx.get(), answer.data()), -1);  // nobody answers
  EXPECT_EQ(errno, ETIMEDOUT);

  const json stopped = state_when(sim, [](const json& s) {
    for (const auto& [name, axis] : s.at("axes").items()) {
      if (!axis.at("quick_stop").get<bool>() || axis.at("velocity").get<double>() != 0.0) {
        return false;
      }
    }
    return true;
  });
  for (const auto& [name, axis] : stopped.at("axes").items()) {
    EXPECT_TRUE(axis.at("quick_stop").get<bool>()) << name;
    EXPECT_EQ(axis.at("velocity").get<double>(), 0.0) << name;
  }
}

TEST(ChairSim, RtuIdentityAndCorruptedAnswersThroughTheControlSocket) {
  SimProcess sim(SimProcess::Link::rtu);
  auto ctx = testing::connect_rtu(sim.device().string(), 115200, 'E', 1);
  std::array<std::uint16_t, 8> identity{};
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0, 8, identity.data()), 8) << modbus_strerror(errno);
  EXPECT_EQ(identity[0], 0x5241);

  EXPECT_EQ(sim.control({{"cmd", "link"}, {"corrupt", 1.0}}), (json{{"ok", true}}));
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 8, identity.data()), -1);
  EXPECT_EQ(errno, EMBBADCRC);
  EXPECT_EQ(sim.control({{"cmd", "clear"}}), (json{{"ok", true}}));
  modbus_flush(ctx.get());
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0, 8, identity.data()), 8) << modbus_strerror(errno);
}

TEST(ChairSim, DroppedAndSilencedAnswersAreTimeoutsForTheChosenUnit) {
  SimProcess sim(SimProcess::Link::tcp);
  auto depth = testing::connect_tcp(sim.host(), sim.port(), 3);
  auto travel = testing::connect_tcp(sim.host(), sim.port(), 1);
  testing::set_response_timeout(depth.get(), 100ms);
  std::array<std::uint16_t, 1> word{};
  ASSERT_TRUE(sim.control({{"cmd", "link"}, {"drop", 1.0}, {"unit", 3}}).at("ok").get<bool>());
  EXPECT_EQ(modbus_read_registers(depth.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  EXPECT_EQ(modbus_read_registers(travel.get(), 0, 1, word.data()), 1);
  ASSERT_TRUE(sim.control({{"cmd", "clear"}}).at("ok").get<bool>());
  ASSERT_TRUE(sim.control({{"cmd", "link"}, {"silent", true}}).at("ok").get<bool>());
  EXPECT_EQ(modbus_read_registers(depth.get(), 0, 1, word.data()), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
}

TEST(ChairSim, ControlSocketAnswersBadRequestsWithErrorsAndKeepsServing) {
  SimProcess sim(SimProcess::Link::tcp);
  test_support::ControlClient client(sim.control_path());
  const json bad_json = json::parse(client.exchange("{cmd: state}"));
  EXPECT_FALSE(bad_json.at("ok").get<bool>());
  const json unknown = client.send({{"cmd", "teleport"}});
  EXPECT_FALSE(unknown.at("ok").get<bool>());
  EXPECT_NE(unknown.at("error").get<std::string>().find("teleport"), std::string::npos);
  const json bad_value = client.send({{"cmd", "link"}, {"drop", 3}});
  EXPECT_FALSE(bad_value.at("ok").get<bool>());
  EXPECT_TRUE(client.send({{"cmd", "state"}}).at("ok").get<bool>());
}

TEST(ChairSim, StallAndAlarmShowInTheTruth) {
  SimProcess sim(SimProcess::Link::tcp);
  ASSERT_TRUE(sim.control({{"cmd", "stall"}, {"axis", "travel"}, {"on", true}}).at("ok"));
  ASSERT_TRUE(sim.control({{"cmd", "alarm"}, {"axis", "width"}, {"kind", "encoder"}}).at("ok"));
  const json state = state_when(
      sim, [](const json& s) { return s.at("axes").at("width").at("fault").get<bool>(); });
  EXPECT_TRUE(state.at("axes").at("travel").at("stalled").get<bool>());
  EXPECT_TRUE(state.at("axes").at("width").at("fault").get<bool>());
  EXPECT_EQ(state.at("axes").at("width").at("alarm"), 4);
  // And the master sees the alarm in the width drive's ALARM register.
  auto ctx = testing::connect_tcp(sim.host(), sim.port(), 2);
  std::array<std::uint16_t, 1> alarm{};
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0x0205, 1, alarm.data()), 1);
  EXPECT_EQ(alarm[0], 4);
}

TEST(ChairSim, NobodyOptionLeavesTheChairEmpty) {
  SimProcess sim(SimProcess::Link::tcp, {"--nobody"});
  EXPECT_FALSE(sim.control({{"cmd", "state"}}).at("seated").get<bool>());
}

TEST(ChairSim, ServesTheSecondVendorsProfile) {
  SimProcess sim(SimProcess::Link::tcp, {"--profile", kProfiles + "kx7.toml"});
  auto ctx = testing::connect_tcp(sim.host(), sim.port(), 1);
  std::array<std::uint16_t, 2> identity{};
  ASSERT_EQ(modbus_read_registers(ctx.get(), 0x1000, 2, identity.data()), 2)
      << modbus_strerror(errno);
  EXPECT_EQ(identity[0], 0x4B58);  // "KX"
  EXPECT_EQ(identity[1], 3);
  // The KX-7 has no function 23.
  const std::array<std::uint16_t, 1> heartbeat{1};
  std::array<std::uint16_t, 1> status{};
  EXPECT_EQ(modbus_write_and_read_registers(ctx.get(), 0x2003, 1, heartbeat.data(), 0x3006, 1,
                                            status.data()),
            -1);
  EXPECT_EQ(errno, EMBXILFUN);
  // The RA-1's identity address is outside the KX-7's map.
  EXPECT_EQ(modbus_read_registers(ctx.get(), 0x0000, 1, identity.data()), -1);
  EXPECT_EQ(errno, EMBXILADD);
}

TEST(ChairSim, SigtermExitsCleanlyAndRemovesTheDeviceLinkAndControlSocket) {
  SimProcess sim(SimProcess::Link::rtu);
  const auto device = sim.device();
  ASSERT_TRUE(std::filesystem::is_symlink(device));
  ASSERT_TRUE(std::filesystem::exists(sim.control_path()));
  EXPECT_EQ(sim.stop(), 0);
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(device)));
  EXPECT_FALSE(std::filesystem::exists(sim.control_path()));
  EXPECT_NE(sim.log().find("shutting down"), std::string::npos);
}

TEST(ChairSim, UnreadableProfileStopsTheStartWithAMessageNamingIt) {
  try {
    SimProcess sim(SimProcess::Link::tcp, {"--profile", "/nonexistent/drive.toml"});
    FAIL() << "chair-sim started without a profile";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/drive.toml"), std::string::npos)
        << error.what();
  }
}

TEST(ChairSim, MalformedOptionIsABadCommandLine) {
  try {
    SimProcess sim(SimProcess::Link::tcp, {"--units", "travel=500"});
    FAIL() << "chair-sim accepted unit 500";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("status 2"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("travel=500"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace sim
