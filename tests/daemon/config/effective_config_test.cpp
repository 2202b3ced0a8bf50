#include "daemon/config/effective_config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "support/source_tree.hpp"

using testing::HasSubstr;

namespace {

using test_support::kConfigDir;

TEST(EffectiveConfig, ShowsEveryDefaultAndTheResolvedProfilePath) {
  const auto config = massaged::load_chair_config(kConfigDir / "chair.toml", {});
  const auto text = massaged::effective_config_toml(config);
  EXPECT_THAT(text, HasSubstr("state_directory = \"/var/lib/massaged\""));
  EXPECT_THAT(text, HasSubstr("programs_directory = \"/usr/share/massaged/programs\""));
  EXPECT_THAT(text, HasSubstr("socket = \"/run/massaged/api.sock\""));
  EXPECT_THAT(text, HasSubstr("send_timeout = 5"));
  EXPECT_THAT(text, HasSubstr("profile = \"" + (kConfigDir / "profiles/ra1.toml").string() + "\""));
  EXPECT_THAT(text, HasSubstr("drive_comm_loss_action = \"quick_stop\""));
}

TEST(EffectiveConfig, ReadsBackToTheSameConfigurationFromAnyDirectory) {
  massaged::ServiceDirectories dirs;
  dirs.runtime = "/run/chair-b";
  const auto original = massaged::load_chair_config(kConfigDir / "chair.toml", dirs);
  const auto copy = massaged::parse_chair_config(massaged::effective_config_toml(original),
                                                 "/elsewhere/effective.toml", {});
  EXPECT_EQ(copy.api.socket, "/run/chair-b/api.sock");
  EXPECT_EQ(copy.daemon.log_level, original.daemon.log_level);
  EXPECT_EQ(copy.api.max_message_bytes, original.api.max_message_bytes);
  EXPECT_EQ(copy.api.send_timeout, original.api.send_timeout);
  EXPECT_EQ(copy.api.roles.technician, original.api.roles.technician);
  EXPECT_EQ(copy.control.rate_hz, original.control.rate_hz);
  ASSERT_EQ(copy.buses.size(), 1U);
  EXPECT_EQ(copy.buses[0].profile_path, original.buses[0].profile_path);
  EXPECT_EQ(std::get<hal::TcpEndpoint>(copy.buses[0].link).port, 1502);
  ASSERT_EQ(copy.buses[0].axes.size(), 5U);
  EXPECT_EQ(copy.buses[0].axes[4].kind, hal::AxisKind::tap);
  EXPECT_EQ(copy.buses[0].axes[4].unit_id, 5);
}

TEST(EffectiveConfig, SafetyLimitsArePrintedAndReadBackUnchanged) {
  // The shipped configuration with some limits of its own, lower than the defaults.
  const std::string text =
      "[safety]\nlumbar_force_n = 15\nmax_hold_s = 60\nsession_minutes = 20\n"
      "midline_clearance_mm = 30\n" +
      test_support::read_text(kConfigDir / "chair.toml");
  const auto original = massaged::parse_chair_config(text, kConfigDir / "x.toml", {});
  const auto printed = massaged::effective_config_toml(original);
  EXPECT_THAT(printed, HasSubstr("[safety]"));
  EXPECT_THAT(printed, HasSubstr("lumbar_force_n = 15.0"));
  EXPECT_THAT(printed, HasSubstr("max_hold_s = 60"));
  EXPECT_THAT(printed, HasSubstr("thoracic_force_n = 25.0"));  // a default, filled in
  const auto copy = massaged::parse_chair_config(printed, "/elsewhere/x.toml", {});
  EXPECT_EQ(copy.safety.region_force.lumbar, original.safety.region_force.lumbar);
  EXPECT_EQ(copy.safety.region_force.thoracic, original.safety.region_force.thoracic);
  EXPECT_EQ(copy.safety.max_hold, std::chrono::seconds(60));
  EXPECT_EQ(copy.safety.session, std::chrono::minutes(20));
  EXPECT_EQ(copy.safety.midline_clearance, original.safety.midline_clearance);
  EXPECT_EQ(copy.safety.status_age, original.safety.status_age);
  EXPECT_EQ(copy.safety.tap_max, original.safety.tap_max);
}

TEST(EffectiveConfig, RtuLineIsPrintedWithEverySetting) {
  std::string text = R"([[bus]]
name = "line"
transport = "rtu"
profile = "profiles/ra1.toml"
[bus.rtu]
device = "/dev/ttyS1"
parity = "none"
stop_bits = 2
)";
  for (const auto kind : hal::kAllAxisKinds) {
    text += "[[bus.axis]]\nkind = \"" + std::string(hal::to_string(kind)) +
            "\"\nunit = " + std::to_string(static_cast<int>(kind) + 1) + "\n";
  }
  const auto config = massaged::parse_chair_config(text, kConfigDir / "x.toml", {});
  const auto printed = massaged::effective_config_toml(config);
  const auto copy = massaged::parse_chair_config(printed, "/elsewhere/x.toml", {});
  const auto& rtu = std::get<hal::RtuLine>(copy.buses.at(0).link);
  EXPECT_EQ(rtu.parity, hal::Parity::none);
  EXPECT_EQ(rtu.stop_bits, 2);
  EXPECT_EQ(rtu.baud, 115200);
  EXPECT_THAT(printed, HasSubstr("rs485 = false"));
}

}  // namespace
