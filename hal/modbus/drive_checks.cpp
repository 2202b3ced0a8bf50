#include "modbus/drive_checks.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "modbus/register_access.hpp"

namespace hal {
namespace {

std::string hex(std::int64_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%04llX", static_cast<unsigned long long>(value));
  return text;
}

std::string kind_name(const ActuatorProfile& profile, std::uint16_t code) {
  if (const auto kind = profile.axis_kind_of(code)) return std::string(to_string(*kind));
  return "not a kind the " + profile.name + " profile knows";
}

}  // namespace

result::Expected<DriveIdentity, DriveError> check_identity(ModbusLink& link, DriveChannel& drive) {
  const auto& profile = drive.profile();
  const auto& regs = profile.identity;
  std::vector<RegisterSpec> specs = {regs.map_id,       regs.map_version, regs.axis_kind,
                                     regs.capabilities, regs.firmware,    regs.range_max};
  if (regs.serial) specs.push_back(*regs.serial);
  const std::string doing = "checking the drive's identity (reading " +
                            describe(profile.identity_block) + ": MAP_ID, MAP_VERSION, AXIS_KIND)";
  const auto values = read_registers(link, drive, specs, doing);
  if (!values) return result::unexpected(values.error());
  DriveIdentity id;
  id.map_id = static_cast<std::uint16_t>((*values)[0]);
  id.map_version = static_cast<std::uint16_t>((*values)[1]);
  id.axis_kind_code = static_cast<std::uint16_t>((*values)[2]);
  id.capabilities = static_cast<std::uint16_t>((*values)[3]);
  id.firmware = static_cast<std::uint16_t>((*values)[4]);
  id.range_max = (*values)[5];
  if (regs.serial) id.serial = static_cast<std::uint32_t>((*values)[6]);

  if (id.map_id != profile.map_id || id.map_version != profile.map_version) {
    return result::unexpected(drive.error(
        DriveErrorKind::identity_mismatch, doing,
        "expected an " + profile.name + " drive (MAP_ID " + hex(profile.map_id) + ", MAP_VERSION " +
            std::to_string(profile.map_version) + ") but found MAP_ID " + hex(id.map_id) +
            ", MAP_VERSION " + std::to_string(id.map_version) +
            "; is the profile the right one for this drive?"));
  }
  const auto expected_code = profile.axis_kind_codes.at(drive.kind());
  if (id.axis_kind_code != expected_code) {
    return result::unexpected(drive.error(DriveErrorKind::identity_mismatch, doing,
                                          "expected a " + std::string(to_string(drive.kind())) +
                                              " drive (AXIS_KIND " + std::to_string(expected_code) +
                                              ") but found AXIS_KIND " +
                                              std::to_string(id.axis_kind_code) + " (" +
                                              kind_name(profile, id.axis_kind_code) + ")"));
  }
  return id;
}

result::Expected<void, DriveError> set_watchdog(ModbusLink& link, DriveChannel& drive,
                                                std::chrono::milliseconds timeout,
                                                CommLossAction action) {
  const auto& profile = drive.profile();
  const auto& regs = profile.configuration;
  const std::array specs = {regs.comm_timeout, regs.comm_loss_action};
  const auto timeout_counts =
      drive.codec().to_counts(static_cast<double>(timeout.count()), Quantity::time);
  const std::array<std::int64_t, 2> wanted = {timeout_counts, profile.comm_loss_actions.at(action)};
  if (!fits(regs.comm_timeout, timeout_counts) || timeout_counts < 1) {
    return result::unexpected(drive.error(
        DriveErrorKind::setting_not_kept, "setting the drive's communication watchdog",
        "a timeout of " + std::to_string(timeout.count()) +
            " ms does not fit COMM_TIMEOUT; choose a drive_comm_timeout the drive can hold"));
  }
  if (auto done =
          write_registers(link, drive, specs, wanted, "writing COMM_TIMEOUT and COMM_LOSS_ACTION");
      !done) {
    return done;
  }
  const auto read = read_registers(link, drive, specs,
                                   "reading back COMM_TIMEOUT and "
                                   "COMM_LOSS_ACTION");
  if (!read) return result::unexpected(read.error());
  const auto ms = [&drive](std::int64_t counts) {
    return std::to_string(std::llround(drive.codec().from_counts(counts, Quantity::time))) + " ms";
  };
  if ((*read)[0] != wanted[0]) {
    return result::unexpected(drive.error(
        DriveErrorKind::setting_not_kept, "reading back the communication watchdog",
        "COMM_TIMEOUT reads " + ms((*read)[0]) + " after " + ms(wanted[0]) + " was written"));
  }
  if ((*read)[1] != wanted[1]) {
    return result::unexpected(
        drive.error(DriveErrorKind::setting_not_kept, "reading back the communication watchdog",
                    "COMM_LOSS_ACTION reads " + std::to_string((*read)[1]) + " after " +
                        std::to_string(wanted[1]) + " was written"));
  }
  return {};
}

result::Expected<std::array<std::optional<std::int64_t>, 3>, DriveError> read_limits(
    ModbusLink& link, DriveChannel& drive) {
  const auto& regs = drive.profile().command;
  const std::array specs = {regs.velocity_limit, regs.accel_limit, regs.force_limit};
  const auto values =
      read_registers(link, drive, specs, "reading VELOCITY_LIMIT, ACCEL_LIMIT and FORCE_LIMIT");
  if (!values) return result::unexpected(values.error());
  return std::array<std::optional<std::int64_t>, 3>{(*values)[0], (*values)[1], (*values)[2]};
}

result::Expected<void, DriveError> audit_limits(ModbusLink& link, DriveChannel& drive) {
  const auto known = drive.limits_on_drive();
  bool telling = false;
  for (const auto& k : known) telling = telling || (k && *k != 0);
  if (!telling) return {};
  const auto read = read_limits(link, drive);
  if (!read) return result::unexpected(read.error());
  const char* names[] = {"VELOCITY_LIMIT", "ACCEL_LIMIT", "FORCE_LIMIT"};
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (known[i] && (*read)[i] != known[i]) {
      return result::unexpected(drive.restart_detected(
          std::string(names[i]) + " reads " + std::to_string(*(*read)[i]) + ", not the " +
          std::to_string(*known[i]) +
          " last written: the drive's command registers are back at their power-up values, as "
          "after a power cycle"));
    }
  }
  return {};
}

}  // namespace hal
