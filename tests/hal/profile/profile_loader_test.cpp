#include "profile/profile_loader.hpp"

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/source_tree.hpp"
#include "toml/strict_table.hpp"

using testing::HasSubstr;

namespace {

using test_support::kProfiles;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string load_error(const std::string& text) {
  try {
    (void)hal::parse_profile(text, "p.toml");
  } catch (const toml_strict::FileError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ProfileLoader, Ra1MatchesTheDatasheet) {
  const auto p = hal::load_profile(kProfiles + "ra1.toml");
  EXPECT_EQ(p.map_id, 0x5241);
  EXPECT_TRUE(p.has_function(23));
  EXPECT_EQ(p.command_block.start, 0x0100);
  EXPECT_EQ(p.command_block.count, 3);
  EXPECT_EQ(p.status_block.start, 0x0200);
  EXPECT_EQ(p.status_block.count, 8);
  EXPECT_EQ(p.axis_kind_codes.at(hal::AxisKind::depth), 3);
  ASSERT_NE(p.alarm(9), nullptr);
  EXPECT_EQ(p.alarm(9)->kind, hal::AlarmKind::not_homed);
}

TEST(ProfileLoader, SecondVendorLoadsWithItsOwnLayout) {
  const auto p = hal::load_profile(kProfiles + "kx7.toml");
  EXPECT_FALSE(p.has_function(23));
  EXPECT_EQ(p.word_order, hal::WordOrder::low_word_first);
  EXPECT_EQ(p.command_block.start, 0x2000);
  EXPECT_EQ(p.command_block.count, 4);
  EXPECT_EQ(p.status_block.count, 11);
  EXPECT_EQ(p.status.position.words, 2);
}

TEST(ProfileLoader, SerialNumberRegisterMayBeAbsent) {
  EXPECT_TRUE(hal::load_profile(kProfiles + "ra1.toml").identity.serial.has_value());
  // A drive without a serial number register: the identity block closes up without it.
  auto text = read_file(kProfiles + "ra1.toml");
  const auto serial = text.find("serial       = { address = 0x0005, words = 2 }");
  ASSERT_NE(serial, std::string::npos);
  text.erase(serial, text.find('\n', serial) - serial);
  const auto range = text.find("range_max    = { address = 0x0007 }");
  ASSERT_NE(range, std::string::npos);
  text.replace(range, 35, "range_max    = { address = 0x0005 }");
  const auto p = hal::parse_profile(text, "p.toml");
  EXPECT_FALSE(p.identity.serial.has_value());
  EXPECT_EQ(p.identity_block.count, 6);
}

TEST(ProfileLoader, OverlappingRegistersAreRefused) {
  auto text = read_file(kProfiles + "ra1.toml");
  const auto at = text.find("heartbeat      = { address = 0x0102 }");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 37, "heartbeat      = { address = 0x0101 }");
  EXPECT_THAT(load_error(text), HasSubstr("overlaps registers.command.setpoint"));
}

TEST(ProfileLoader, GapInCommandBlockIsRefused) {
  auto text = read_file(kProfiles + "ra1.toml");
  const auto at = text.find("heartbeat      = { address = 0x0102 }");
  text.replace(at, 37, "heartbeat      = { address = 0x0106 }");
  EXPECT_THAT(load_error(text), HasSubstr("must be contiguous"));
}

TEST(ProfileLoader, UnknownKeyIsLocated) {
  auto text = read_file(kProfiles + "ra1.toml");
  text += "\n[extra]\nx = 1\n";
  EXPECT_THAT(load_error(text), HasSubstr("unknown key \"extra\" at the top level"));
}

TEST(ProfileLoader, BitUsedTwiceIsRefused) {
  auto text = read_file(kProfiles + "ra1.toml");
  const auto at = text.find("halt = 1\nquick_stop = 2");
  text.replace(at, 8, "halt = 0");
  EXPECT_THAT(load_error(text), HasSubstr("control_bits.halt: bit 0 is already used"));
}

}  // namespace
