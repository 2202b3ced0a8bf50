#include "profile/drive_codec.hpp"

#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"
#include "support/source_tree.hpp"

namespace {

using test_support::kProfiles;

TEST(DriveCodec, Ra1CommandWordsAreTheDatasheetsBits) {
  const auto p = hal::load_profile(kProfiles + "ra1.toml");
  const hal::DriveCodec codec(p, hal::AxisKind::depth);
  hal::DriveCommandValues cmd;
  cmd.control.enable = true;
  cmd.control.mode = hal::DriveMode::force;
  cmd.setpoint = 20.0;  // N
  cmd.heartbeat = 7;
  const auto image = codec.encode_command(cmd);
  ASSERT_EQ(image.words().size(), 3U);
  EXPECT_EQ(image.words()[0], 0x0201);  // ENABLE | MODE=2
  EXPECT_EQ(image.words()[1], 200);     // 0.1 N counts
  EXPECT_EQ(image.words()[2], 7);
}

TEST(DriveCodec, NegativeVelocityIsTwosComplement) {
  const auto p = hal::load_profile(kProfiles + "ra1.toml");
  const hal::DriveCodec codec(p, hal::AxisKind::travel);
  hal::DriveStatusValues s;
  s.velocity = -12.5;
  s.position = 600.0;
  s.flags.homed = true;
  const auto image = codec.encode_status(s);
  EXPECT_EQ(image.words()[2], static_cast<std::uint16_t>(-125));
  const auto back = codec.decode_status(image);
  EXPECT_DOUBLE_EQ(back.velocity, -12.5);
  EXPECT_DOUBLE_EQ(back.position, 600.0);
  EXPECT_TRUE(back.flags.homed);
  EXPECT_FALSE(back.flags.fault);
}

TEST(DriveCodec, SecondVendorPutsLowWordFirstAndUsesItsScale) {
  const auto p = hal::load_profile(kProfiles + "kx7.toml");
  const hal::DriveCodec codec(p, hal::AxisKind::travel);
  hal::DriveStatusValues s;
  s.position = 1000.0;  // mm = 1'000'000 µm = 0x000F4240
  const auto image = codec.encode_status(s);
  EXPECT_EQ(image.words()[0], 0x4240);
  EXPECT_EQ(image.words()[1], 0x000F);
  EXPECT_DOUBLE_EQ(codec.decode_status(image).position, 1000.0);
}

TEST(DriveCodec, ControlWordRoundTripsThroughOtherBitPositions) {
  const auto p = hal::load_profile(kProfiles + "kx7.toml");
  const hal::DriveCodec codec(p, hal::AxisKind::depth);
  hal::ControlWord c{.enable = true,
                     .halt = false,
                     .quick_stop = true,
                     .fault_reset = false,
                     .home = true,
                     .mode = hal::DriveMode::velocity};
  const auto raw = codec.encode_control(c);
  EXPECT_EQ(raw, (1U << 15) | (1U << 13) | (1U << 6) | 3U);
  EXPECT_EQ(codec.decode_control(raw), c);
  EXPECT_FALSE(codec.decode_control(0x0007).has_value());  // mode 7 is not defined
}

}  // namespace
