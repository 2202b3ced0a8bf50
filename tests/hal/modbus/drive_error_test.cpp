#include "modbus/drive_error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "modbus/modbus_exception.hpp"

namespace {

using ::testing::HasSubstr;

hal::DriveError depth_error(hal::DriveErrorKind kind) {
  hal::DriveError e;
  e.kind = kind;
  e.bus = "main";
  e.unit = 3;
  e.axis = hal::AxisKind::depth;
  e.doing = "writing COMM_TIMEOUT";
  e.detail = "found something";
  return e;
}

TEST(DriveError, MessageNamesBusUnitAxisAndWhatWasBeingDone) {
  const auto text = depth_error(hal::DriveErrorKind::timeout).message();
  EXPECT_THAT(text, HasSubstr("bus main, unit 3 (depth)"));
  EXPECT_THAT(text, HasSubstr("no reply while writing COMM_TIMEOUT: found something"));
  EXPECT_THAT(text, HasSubstr("Check the drive's power"));
}

TEST(DriveError, ModbusExceptionIsNamedAsTheSpecificationNamesIt) {
  auto e = depth_error(hal::DriveErrorKind::modbus_exception);
  e.exception_code = 0x02;
  EXPECT_THAT(e.message(), HasSubstr("Modbus exception 02 (illegal data address)"));
  e.exception_code = 0x03;
  EXPECT_THAT(e.message(), HasSubstr("Modbus exception 03 (illegal data value)"));
  e.exception_code = 0x0B;
  EXPECT_THAT(e.message(), HasSubstr("(gateway target device failed to respond)"));
}

TEST(DriveError, EveryModbusExceptionCodeHasItsName) {
  EXPECT_EQ(hal::modbus_exception_name(0x01), "illegal function");
  EXPECT_EQ(hal::modbus_exception_name(0x04), "server device failure");
  EXPECT_EQ(hal::modbus_exception_name(0x06), "server device busy");
  EXPECT_EQ(hal::modbus_exception_name(0x0A), "gateway path unavailable");
  EXPECT_EQ(hal::modbus_exception_name(0x09), "unknown exception");
}

TEST(DriveError, AlarmShowsTheVendorsNameAndItsKind) {
  auto e = depth_error(hal::DriveErrorKind::drive_alarm);
  e.alarm = hal::DriveAlarm{1, "stall / over-current", hal::AlarmKind::stall};
  EXPECT_THAT(e.message(), HasSubstr("drive alarm 1 \"stall / over-current\" (stall)"));
  EXPECT_THAT(e.message(), HasSubstr("reset the fault"));
}

TEST(DriveError, BusWideErrorHasNoUnit) {
  hal::DriveError e;
  e.kind = hal::DriveErrorKind::disconnected;
  e.bus = "rear";
  e.detail = "cannot open /dev/ttyS9: No such file or directory";
  const auto text = e.message();
  EXPECT_THAT(text, HasSubstr("bus rear: link down: cannot open /dev/ttyS9"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("unit")));
}

TEST(DriveError, EveryKindHasItsOwnName) {
  using K = hal::DriveErrorKind;
  EXPECT_EQ(hal::to_string(K::timeout), "timeout");
  EXPECT_EQ(hal::to_string(K::bad_frame), "bad frame");
  EXPECT_EQ(hal::to_string(K::modbus_exception), "Modbus exception");
  EXPECT_EQ(hal::to_string(K::disconnected), "disconnected");
  EXPECT_EQ(hal::to_string(K::identity_mismatch), "identity mismatch");
  EXPECT_EQ(hal::to_string(K::setting_not_kept), "setting not kept");
  EXPECT_EQ(hal::to_string(K::drive_alarm), "drive alarm");
  EXPECT_EQ(hal::to_string(K::drive_restarted), "drive restarted");
  EXPECT_EQ(hal::to_string(K::refused), "refused");
  EXPECT_EQ(hal::to_string(K::overrun), "overrun");
}

}  // namespace
