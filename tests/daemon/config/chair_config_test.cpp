#include "daemon/config/chair_config.hpp"

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"
#include "support/source_tree.hpp"
#include "toml/strict_table.hpp"

using testing::HasSubstr;
using testing::StartsWith;

namespace {

using test_support::kConfigDir;
// Texts are read as if they were a file in config/, beside config/profiles/.
const std::filesystem::path kTextPath = kConfigDir / "test-chair.toml";
const std::string kWhere = kTextPath.string();

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Four axes on units 2..5 of one bus; each test adds travel where it needs it.
const std::string kOtherAxes = R"(
[[bus.axis]]
kind = "width"
unit = 2

[[bus.axis]]
kind = "depth"
unit = 3

[[bus.axis]]
kind = "knead"
unit = 4

[[bus.axis]]
kind = "tap"
unit = 5
)";

// The smallest complete configuration: lines 1..11, then the other four axes.
const std::string kMinimal = R"([[bus]]
name = "main"
transport = "tcp"
profile = "profiles/ra1.toml"

[bus.tcp]
host = "127.0.0.1"

[[bus.axis]]
kind = "travel"
unit = 1
)" + kOtherAxes;

massaged::ChairConfig parse(const std::string& text,
                            const massaged::ServiceDirectories& dirs = {}) {
  return massaged::parse_chair_config(text, kTextPath, dirs);
}

std::string error_of(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const toml_strict::FileError& e) {
    return e.what();
  }
  return "accepted";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ChairConfig, ShippedConfigurationDrivesTheSimulatedChairOverTcp) {
  const auto config = massaged::load_chair_config(kConfigDir / "chair.toml", {});
  ASSERT_EQ(config.buses.size(), 1U);
  const auto& bus = config.buses[0];
  const auto* tcp = std::get_if<hal::TcpEndpoint>(&bus.link);
  ASSERT_NE(tcp, nullptr);
  EXPECT_EQ(tcp->host, "127.0.0.1");
  EXPECT_EQ(tcp->port, 1502);
  EXPECT_EQ(bus.profile.name, "RA-1");
  EXPECT_EQ(bus.profile_path, kConfigDir / "profiles" / "ra1.toml");
  ASSERT_EQ(bus.axes.size(), 5U);
  for (std::size_t i = 0; i < bus.axes.size(); ++i) {
    EXPECT_EQ(bus.axes[i].kind, hal::kAllAxisKinds[i]);
    EXPECT_EQ(bus.axes[i].unit_id, static_cast<int>(i) + 1);
  }
}

TEST(ChairConfig, RtuBoardExampleUsesTtyS1At115200EvenParityOverRs485) {
  const auto config = parse(
      read_file(kConfigDir / "examples" / "rtu-board.toml"));  // as installed, beside profiles/
  ASSERT_EQ(config.buses.size(), 1U);
  const auto* rtu = std::get_if<hal::RtuLine>(&config.buses[0].link);
  ASSERT_NE(rtu, nullptr);
  EXPECT_EQ(rtu->device, "/dev/ttyS1");
  EXPECT_EQ(rtu->baud, 115200);
  EXPECT_EQ(rtu->parity, hal::Parity::even);
  EXPECT_EQ(rtu->data_bits, 8);
  EXPECT_EQ(rtu->stop_bits, 1);
  EXPECT_TRUE(rtu->rs485);
  EXPECT_EQ(config.buses[0].axes.size(), 5U);
}

TEST(ChairConfig, TcpGatewayExampleReachesTheGatewayOnPort502) {
  const auto config = parse(read_file(kConfigDir / "examples" / "tcp-gateway.toml"));
  ASSERT_EQ(config.buses.size(), 1U);
  const auto* tcp = std::get_if<hal::TcpEndpoint>(&config.buses[0].link);
  ASSERT_NE(tcp, nullptr);
  EXPECT_EQ(tcp->port, 502);
  EXPECT_EQ(config.control.rate_hz, 50);
  EXPECT_EQ(config.buses[0].response_timeout, std::chrono::milliseconds(50));
}

TEST(ChairConfig, LeftOutKeysTakeTheirDefaults) {
  const auto config = parse(kMinimal);
  EXPECT_EQ(config.daemon.log_level, spdlog::level::info);
  EXPECT_EQ(config.daemon.state_directory, "/var/lib/massaged");
  EXPECT_EQ(config.daemon.programs_directory, "/usr/share/massaged/programs");
  EXPECT_EQ(config.api.socket, "/run/massaged/api.sock");
  EXPECT_EQ(config.api.max_clients, 32);
  EXPECT_EQ(config.api.max_message_bytes, 65536U);
  EXPECT_EQ(config.api.idle_timeout, std::chrono::seconds(300));
  EXPECT_EQ(config.api.send_timeout, std::chrono::seconds(5));
  EXPECT_EQ(config.api.roles.panel, std::vector<std::string>{"massage-panel"});
  EXPECT_EQ(config.api.roles.technician, std::vector<std::string>{"massage-tech"});
  EXPECT_EQ(config.api.roles.oem, std::vector<std::string>{"massage-oem"});
  EXPECT_EQ(config.control.rate_hz, 100);
  EXPECT_EQ(config.control.comm_loss_cycles, 5);
  const auto& bus = config.buses.at(0);
  EXPECT_EQ(std::get<hal::TcpEndpoint>(bus.link).port, 502);
  EXPECT_EQ(bus.response_timeout, std::chrono::milliseconds(20));
  EXPECT_EQ(bus.drive_comm_timeout, std::chrono::milliseconds(300));
  EXPECT_EQ(bus.drive_comm_loss_action, hal::CommLossAction::quick_stop);
}

TEST(ChairConfig, RtuLineDefaultsTo115200EvenParity8DataBits1StopBit) {
  const auto text = replaced(kMinimal, "transport = \"tcp\"", "transport = \"rtu\"");
  const auto config = parse(
      replaced(text, "[bus.tcp]\nhost = \"127.0.0.1\"", "[bus.rtu]\ndevice = \"/dev/ttyUSB0\""));
  const auto& rtu = std::get<hal::RtuLine>(config.buses.at(0).link);
  EXPECT_EQ(rtu.device, "/dev/ttyUSB0");
  EXPECT_EQ(rtu.baud, 115200);
  EXPECT_EQ(rtu.parity, hal::Parity::even);
  EXPECT_EQ(rtu.data_bits, 8);
  EXPECT_EQ(rtu.stop_bits, 1);
  EXPECT_FALSE(rtu.rs485);
}

TEST(ChairConfig, SystemdDirectoriesBecomeTheDefaultStateDirectoryAndSocket) {
  massaged::ServiceDirectories dirs;
  dirs.state = "/var/lib/chair-a";
  dirs.runtime = "/run/chair-a";
  const auto config = parse(kMinimal, dirs);
  EXPECT_EQ(config.daemon.state_directory, "/var/lib/chair-a");
  EXPECT_EQ(config.api.socket, "/run/chair-a/api.sock");
}

TEST(ChairConfig, RelativePathsStartAtTheConfigurationFilesDirectory) {
  const auto config = parse(
      "[daemon]\nprograms_directory = \"../programs\"\n"
      "[api]\nsocket = \"run/api.sock\"\n" +
      kMinimal);
  EXPECT_EQ(config.daemon.programs_directory,
            std::filesystem::path(MASSAGED_SOURCE_DIR) / "programs");
  EXPECT_EQ(config.api.socket, kConfigDir / "run" / "api.sock");
}

TEST(ChairConfig, UnknownKeyIsRefusedWithItsLocationAndTheAllowedKeys) {
  EXPECT_EQ(error_of("[control]\nrate_hz = 100\ncycle_hz = 50\n" + kMinimal),
            kWhere +
                ":3:1: unknown key \"cycle_hz\" in [control]; allowed keys: comm_loss_cycles, "
                "rate_hz");
}

TEST(ChairConfig, UnknownSectionIsRefused) {
  EXPECT_THAT(error_of("[deamon]\nlog_level = \"info\"\n" + kMinimal),
              StartsWith(kWhere + ":1:2: unknown key \"deamon\" at the top level"));
}

TEST(ChairConfig, OutOfRangeValueNamesTheAllowedRange) {
  auto text = replaced(kMinimal, "transport = \"tcp\"", "transport = \"rtu\"");
  text = replaced(text, "[bus.tcp]\nhost = \"127.0.0.1\"",
                  "[bus.rtu]\ndevice = \"/dev/ttyS1\"\nbaud = 300");
  EXPECT_EQ(error_of(text),
            kWhere + ":8:8: bus[0].rtu.baud: 300 is out of range, allowed 1200..1000000");
}

TEST(ChairConfig, WrongTypeIsRefusedWithTheExpectedType) {
  EXPECT_EQ(error_of("[control]\nrate_hz = \"fast\"\n" + kMinimal),
            kWhere + ":2:11: control.rate_hz: expected an integer from 10 to 1000");
}

TEST(ChairConfig, PanelWatchIsOffByDefaultAndATimeoutTooShortToBeSafeIsRefused) {
  EXPECT_EQ(massaged::parse_chair_config(kMinimal, kWhere, {}).api.panel_timeout,
            std::chrono::milliseconds(0));
  EXPECT_EQ(massaged::parse_chair_config("[api]\npanel_timeout_ms = 1500\n" + kMinimal, kWhere, {})
                .api.panel_timeout,
            std::chrono::milliseconds(1500));
  EXPECT_EQ(error_of("[api]\npanel_timeout_ms = 50\n" + kMinimal),
            kWhere +
                ":2:20: api.panel_timeout_ms: 50 ms would stop the chair whenever the panel is "
                "busy; allowed 0 (the panel is not watched) or 200..60000 ms");
}

TEST(ChairConfig, SendTimeoutIsReadWithinItsBounds) {
  EXPECT_EQ(massaged::parse_chair_config("[api]\nsend_timeout = 2\n" + kMinimal, kWhere, {})
                .api.send_timeout,
            std::chrono::seconds(2));
  EXPECT_EQ(error_of("[api]\nsend_timeout = 0\n" + kMinimal),
            kWhere + ":2:16: api.send_timeout: 0 is out of range, allowed 1..300");
  EXPECT_EQ(error_of("[api]\nsend_timeout = 301\n" + kMinimal),
            kWhere + ":2:16: api.send_timeout: 301 is out of range, allowed 1..300");
  EXPECT_EQ(error_of("[api]\nsend_timeout = 2.5\n" + kMinimal),
            kWhere + ":2:16: api.send_timeout: expected an integer from 1 to 300");
}

TEST(ChairConfig, MissingRequiredKeyIsRefused) {
  EXPECT_EQ(error_of(replaced(kMinimal, "host = \"127.0.0.1\"", "port = 1502")),
            kWhere + ":6:1: bus[0].tcp.host: required key is missing from [bus[0].tcp]");
}

TEST(ChairConfig, ConfigurationWithoutBusIsRefused) {
  EXPECT_THAT(error_of("[control]\nrate_hz = 100\n"),
              HasSubstr("bus: required key is missing from the top level"));
}

TEST(ChairConfig, AxisKindDrivenTwiceIsRefusedPointingAtTheFirst) {
  const auto text = replaced(kMinimal, "kind = \"width\"", "kind = \"travel\"");
  EXPECT_EQ(error_of(text), kWhere +
                                ":14:8: bus[0].axis[1].kind: the travel axis is already driven "
                                "by unit 1 on bus \"main\" (" +
                                kWhere +
                                ":10:8); each of the five axis kinds is driven exactly once "
                                "over all buses");
}

TEST(ChairConfig, AxisKindDrivenOnTwoBusesIsRefused) {
  const auto text = kMinimal + R"(
[[bus]]
name = "second"
transport = "tcp"
profile = "profiles/ra1.toml"

[bus.tcp]
host = "127.0.0.2"

[[bus.axis]]
kind = "depth"
unit = 3
)";
  EXPECT_THAT(error_of(text), HasSubstr("bus[1].axis[0].kind: the depth axis is already driven by "
                                        "unit 3 on bus \"main\""));
}

TEST(ChairConfig, AxisKindWithoutDriveIsRefused) {
  const auto text = replaced(kMinimal, "\n[[bus.axis]]\nkind = \"tap\"\nunit = 5\n", "");
  EXPECT_EQ(error_of(text), kWhere +
                                ":1:1: bus: no drive for the tap axis; add a [[bus.axis]] with "
                                "kind = \"tap\" and its unit id to a bus");
}

TEST(ChairConfig, UnitIdUsedTwiceOnABusIsRefused) {
  const auto text = replaced(kMinimal, "unit = 2", "unit = 1");
  EXPECT_THAT(error_of(text), HasSubstr(":15:8: bus[0].axis[1].unit: unit 1 is already used on bus "
                                        "\"main\""));
}

TEST(ChairConfig, SameUnitIdOnTwoBusesIsAccepted) {
  const auto text = replaced(kMinimal, "\n[[bus.axis]]\nkind = \"tap\"\nunit = 5\n", "") + R"(
[[bus]]
name = "second"
transport = "tcp"
profile = "profiles/kx7.toml"

[bus.tcp]
host = "127.0.0.2"

[[bus.axis]]
kind = "tap"
unit = 1
)";
  const auto config = parse(text);
  ASSERT_EQ(config.buses.size(), 2U);
  EXPECT_EQ(config.buses[1].profile.name, hal::load_profile(kConfigDir / "profiles/kx7.toml").name);
}

TEST(ChairConfig, BusNameUsedTwiceIsRefused) {
  const auto text = replaced(kMinimal, "\n[[bus.axis]]\nkind = \"tap\"\nunit = 5\n", "") + R"(
[[bus]]
name = "main"
transport = "tcp"
profile = "profiles/ra1.toml"
)";
  EXPECT_THAT(error_of(text), HasSubstr("bus[1].name: \"main\" already names the bus (" + kWhere +
                                        ":2:8); give each bus its own name"));
}

TEST(ChairConfig, TransportWithoutItsSectionIsRefused) {
  const auto text = replaced(kMinimal, "[bus.tcp]\nhost = \"127.0.0.1\"\n", "");
  EXPECT_EQ(error_of(text), kWhere +
                                ":3:13: bus[0].transport: transport = \"tcp\" needs a [bus.tcp] "
                                "table (host, and optionally port); add one after this bus's "
                                "keys");
}

TEST(ChairConfig, SectionOfTheOtherTransportIsRefused) {
  const auto text =
      replaced(kMinimal, "[bus.tcp]", "[bus.rtu]\ndevice = \"/dev/ttyS1\"\n\n[bus.tcp]");
  EXPECT_THAT(error_of(text), HasSubstr("bus[0].rtu: a [bus.rtu] table does not belong to a bus "
                                        "with transport = \"tcp\"; remove it, or set transport = "
                                        "\"rtu\""));
}

TEST(ChairConfig, MissingProfileFileIsRefusedAtTheProfileKey) {
  const auto text = replaced(kMinimal, "profiles/ra1.toml", "profiles/ra9.toml");
  EXPECT_EQ(error_of(text),
            kWhere + ":4:11: bus[0].profile: " + (kConfigDir / "profiles/ra9.toml").string() +
                " is not a readable file; give the path of an actuator profile (a "
                "relative path starts at the configuration file's directory)");
}

TEST(ChairConfig, FaultInTheProfileIsLocatedInTheProfile) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "massaged-bad-profile";
  std::filesystem::create_directories(dir);
  auto profile = read_file(kConfigDir / "profiles" / "ra1.toml");
  profile = replaced(profile, "map_version = 1", "map_version = 70000");
  std::ofstream(dir / "ra1.toml") << profile;
  const auto text = replaced(kMinimal, "profiles/ra1.toml", (dir / "ra1.toml").string());
  EXPECT_THAT(error_of(text),
              HasSubstr((dir / "ra1.toml").string() + ":7:15: drive.map_version: 70000 is out of "
                                                      "range, allowed 0..65535"));
  std::filesystem::remove_all(dir);
}

TEST(ChairConfig, DriveCommTimeoutShorterThanTwoCyclesIsRefused) {
  const auto text = "[control]\nrate_hz = 10\n" +
                    replaced(kMinimal, "profile = \"profiles/ra1.toml\"",
                             "profile = \"profiles/ra1.toml\"\ndrive_comm_timeout_ms = 150");
  EXPECT_EQ(error_of(text), kWhere +
                                ":7:25: bus[0].drive_comm_timeout_ms: 150 ms is shorter than two "
                                "control cycles at control.rate_hz = 10, so the drives would "
                                "stop between heartbeats; allowed 200..10000");
}

TEST(ChairConfig, RelativeSerialDeviceIsRefused) {
  auto text = replaced(kMinimal, "transport = \"tcp\"", "transport = \"rtu\"");
  text = replaced(text, "[bus.tcp]\nhost = \"127.0.0.1\"", "[bus.rtu]\ndevice = \"ttyS1\"");
  EXPECT_THAT(error_of(text), HasSubstr("bus[0].rtu.device: \"ttyS1\" is not an absolute path"));
}

TEST(ChairConfig, SerialLineSharedByTwoBusesIsRefused) {
  auto first = replaced(kMinimal, "transport = \"tcp\"", "transport = \"rtu\"");
  first = replaced(first, "[bus.tcp]\nhost = \"127.0.0.1\"", "[bus.rtu]\ndevice = \"/dev/ttyS1\"");
  first = replaced(first, "\n[[bus.axis]]\nkind = \"tap\"\nunit = 5\n", "");
  const auto text = first + R"(
[[bus]]
name = "second"
transport = "rtu"
profile = "profiles/ra1.toml"

[bus.rtu]
device = "/dev/ttyS1"
)";
  EXPECT_THAT(error_of(text), HasSubstr("bus[1].rtu.device: /dev/ttyS1 is already the line of bus "
                                        "\"main\""));
}

TEST(ChairConfig, SocketPathLongerThanTheKernelAllowsIsRefused) {
  const auto text = "[api]\nsocket = \"/run/" + std::string(120, 'a') + "/api.sock\"\n" + kMinimal;
  EXPECT_THAT(error_of(text), HasSubstr("api.socket: the path /run/aaa"));
  EXPECT_THAT(error_of(text), HasSubstr("a Unix socket path allows at most 107"));
}

TEST(ChairConfig, LogLevelOutsideTheListNamesTheLevels) {
  EXPECT_EQ(error_of("[daemon]\nlog_level = \"verbose\"\n" + kMinimal),
            kWhere +
                ":2:13: daemon.log_level: \"verbose\" is not allowed, use one of \"trace\", "
                "\"debug\", \"info\", \"warning\", \"error\", \"critical\"");
}

TEST(ChairConfig, SyntaxErrorIsLocated) {
  EXPECT_THAT(error_of("[control\nrate_hz = 100\n"), StartsWith(kWhere + ":1:"));
}

TEST(ChairConfig, UnreadableFileIsReportedWithItsPath) {
  try {
    (void)massaged::load_chair_config("/nonexistent/chair.toml", {});
    FAIL() << "a missing file was accepted";
  } catch (const toml_strict::FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/chair.toml: cannot open the file for reading"));
  }
}

}  // namespace
