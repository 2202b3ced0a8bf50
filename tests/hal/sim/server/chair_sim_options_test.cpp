#include "sim/server/chair_sim_options.hpp"

#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"
#include "support/temp_directory.hpp"

namespace sim {
namespace {

TEST(ChairSimOptions, TcpEndpointTakesHostAndPort) {
  const auto endpoint = parse_tcp_endpoint("127.0.0.1:1502");
  EXPECT_EQ(endpoint.host, "127.0.0.1");
  EXPECT_EQ(endpoint.port, 1502);
  EXPECT_EQ(parse_tcp_endpoint("[::1]:0").host, "::1");
}

TEST(ChairSimOptions, TcpEndpointWithoutAValidPortIsRefused) {
  EXPECT_THROW(parse_tcp_endpoint("127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(parse_tcp_endpoint("127.0.0.1:70000"), std::invalid_argument);
  EXPECT_THROW(parse_tcp_endpoint(":502"), std::invalid_argument);
  EXPECT_THROW(parse_tcp_endpoint("host:50x"), std::invalid_argument);
}

TEST(ChairSimOptions, UnitIdsAreParsedPerAxis) {
  const auto units = parse_unit_ids("travel=11,depth=13");
  EXPECT_EQ(units.size(), 2U);
  EXPECT_EQ(units.at(hal::AxisKind::travel), 11);
  EXPECT_EQ(units.at(hal::AxisKind::depth), 13);
}

TEST(ChairSimOptions, BadUnitEntryIsRefusedNamingIt) {
  try {
    (void)parse_unit_ids("travel=1,elbow=2");
    FAIL() << "accepted an unknown axis";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("elbow=2"), std::string::npos);
  }
  EXPECT_THROW(parse_unit_ids("travel=0"), std::invalid_argument);
  EXPECT_THROW(parse_unit_ids("travel=248"), std::invalid_argument);
  EXPECT_THROW(parse_unit_ids("travel=1,travel=2"), std::invalid_argument);
}

TEST(ChairSimOptions, SerialsReplaceTheDefaultsOfTheAxesGiven) {
  ChairSimOptions options;
  options.serials = parse_serials("depth=20269999");
  const auto config = chair_config_from(
      options, hal::load_profile(std::string(MASSAGED_SOURCE_DIR) + "/config/profiles/ra1.toml"));
  EXPECT_EQ(config.serials.at(hal::AxisKind::depth), 20269999U);
  EXPECT_EQ(config.serials.at(hal::AxisKind::travel), 20260001U);
  try {
    (void)parse_serials("depth=-3");
    FAIL() << "accepted a negative serial number";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("--serials: \"depth=-3\""), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(parse_serials("depth=4294967296"), std::invalid_argument);
}

TEST(ChairSimOptions, InstalledProfileIsPreferredToTheSourceTree) {
  test_support::TempDirectory prefix;
  std::filesystem::create_directories(prefix / "share/massaged/profiles");
  std::filesystem::copy_file(std::string(MASSAGED_SOURCE_DIR) + "/config/profiles/ra1.toml",
                             prefix / "share/massaged/profiles/ra1.toml");
  EXPECT_EQ(default_profile_path(prefix / "bin/chair-sim"),
            prefix / "share/massaged/profiles/ra1.toml");
}

TEST(ChairSimOptions, ProfileInstalledUnderEtcOfThePrefixIsFound) {
  test_support::TempDirectory prefix;
  std::filesystem::create_directories(prefix / "etc/massaged/profiles");
  std::filesystem::copy_file(std::string(MASSAGED_SOURCE_DIR) + "/config/profiles/ra1.toml",
                             prefix / "etc/massaged/profiles/ra1.toml");
  EXPECT_EQ(default_profile_path(prefix / "bin/chair-sim"),
            prefix / "etc/massaged/profiles/ra1.toml");
}

TEST(ChairSimOptions, AProfileIsFoundWithoutAnInstallation) {
  test_support::TempDirectory prefix;
  const auto path = default_profile_path(prefix / "bin/chair-sim");
  EXPECT_EQ(path.filename(), "ra1.toml");
  EXPECT_TRUE(std::filesystem::is_regular_file(path));
}

TEST(ChairSimOptions, OptionsBecomeTheChairsConfiguration) {
  ChairSimOptions options;
  options.units = {{hal::AxisKind::tap, 9}};
  options.body = BodySize::large;
  options.nobody = true;
  options.seed = 77;
  const auto config = chair_config_from(
      options, hal::load_profile(std::string(MASSAGED_SOURCE_DIR) + "/config/profiles/ra1.toml"));
  EXPECT_EQ(config.unit_ids.at(hal::AxisKind::tap), 9);
  EXPECT_EQ(config.unit_ids.at(hal::AxisKind::travel), 1);
  EXPECT_FALSE(config.body.seated);
  EXPECT_DOUBLE_EQ(config.body.shoulder_travel.value(),
                   body_of_size(BodySize::large).shoulder_travel.value());
  EXPECT_EQ(config.seed, 77U);
}

TEST(ChairSimOptions, APersonSittingForwardOrWithAShortBackSits) {
  ChairSimOptions options;
  options.sitting_forward_mm = 60.0;
  options.back_end_mm = 150.0;
  const auto profile =
      hal::load_profile(std::string(MASSAGED_SOURCE_DIR) + "/config/profiles/ra1.toml");
  const auto config = chair_config_from(options, profile);
  EXPECT_DOUBLE_EQ(config.body.sitting_forward.value(), 60.0);
  EXPECT_DOUBLE_EQ(config.body.back_end_above_seat.value(), 150.0);
  options.back_end_mm = 500.0;  // less than 250 mm of back below the shoulders
  try {
    (void)chair_config_from(options, profile);
    FAIL() << "a back ending 500 mm above the seat was seated";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("back_end_above_seat"), std::string::npos) << e.what();
  }
}

TEST(ChairSimOptions, UnitIdUsedTwiceIsRefused) {
  ChairSimOptions options;
  options.units = {{hal::AxisKind::tap, 1}};  // travel keeps 1
  EXPECT_THROW((void)chair_config_from(options, hal::load_profile(std::string(MASSAGED_SOURCE_DIR) +
                                                                  "/config/profiles/ra1.toml")),
               std::invalid_argument);
}

}  // namespace
}  // namespace sim
