#include "modbus/cycle_exchange.hpp"

#include <vector>

#include "modbus/register_access.hpp"

namespace hal {
namespace {

std::array<RegisterSpec, 3> limits_of(const ActuatorProfile& profile) {
  return {profile.command.velocity_limit, profile.command.accel_limit, profile.command.force_limit};
}

RegisterRange limit_run(const ActuatorProfile& profile) {
  const auto specs = limits_of(profile);
  const auto runs = contiguous_runs(specs);
  return runs.size() == 1 ? runs.front() : RegisterRange{};
}

RegisterRange command_and_limits_range(const ActuatorProfile& profile) {
  auto range = profile.command_block;
  const auto limits = limit_run(profile);
  if (limits.count != 0 && limits.start == range.start + range.count) {
    range.count = static_cast<std::uint16_t>(range.count + limits.count);
  }
  return range;
}

}  // namespace

CycleExchange::CycleExchange(DriveChannel& drive)
    : drive_(&drive),
      has_23_(drive.profile().has_function(23)),
      limit_specs_(limits_of(drive.profile())),
      limits_adjacent_(limit_run(drive.profile()).count != 0),
      limits_follow_command_(command_and_limits_range(drive.profile()).count !=
                             drive.profile().command_block.count),
      command_(drive.profile().command_block, drive.profile().word_order),
      command_and_limits_(command_and_limits_range(drive.profile()), drive.profile().word_order),
      status_(drive.profile().status_block, drive.profile().word_order) {}

std::string CycleExchange::describe_exchange(bool with_limits) const {
  const auto& profile = drive_->profile();
  const auto written = describe(with_limits ? command_and_limits_.range() : command_.range());
  const auto read = describe(profile.status_block);
  return has_23_ ? "exchanging the cycle (function 23: write " + written + ", read " + read + ")"
                 : "exchanging the cycle (function 16: write " + written +
                       ", then function 03: read " + read + ")";
}

result::Expected<void, DriveError> CycleExchange::write_limits_apart(ModbusLink& link,
                                                                     const LimitFrame& limits) {
  // Changed limits go with function 16, ahead of the command that relies on them; when the
  // three are adjacent and all known they travel as one request.
  const bool together = limits_adjacent_ && limits.all_known();
  std::vector<RegisterSpec> specs;
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < limit_specs_.size(); ++i) {
    if (limits.changed[i] || (together && limits.values[i])) {
      specs.push_back(limit_specs_[i]);
      values.push_back(*limits.values[i]);
    }
  }
  return write_registers(link, *drive_, specs, values,
                         "writing VELOCITY_LIMIT, ACCEL_LIMIT, FORCE_LIMIT (function 16)");
}

ReadingOutcome CycleExchange::take_status() {
  if (auto trouble = drive_->absorb(status_)) return result::unexpected(std::move(*trouble));
  return *drive_->reading();
}

ReadingOutcome CycleExchange::read_status(ModbusLink& link) {
  const auto block = drive_->profile().status_block;
  if (auto done = link.read(drive_->unit(), block.start, status_.words(), &drive_->statistics());
      !done) {
    return result::unexpected(
        drive_->error(done.error(), "reading the status block " + describe(block)));
  }
  return take_status();
}

ReadingOutcome CycleExchange::exchange(ModbusLink& link, bool with_limits) {
  const auto& profile = drive_->profile();
  auto& drive = *drive_;

  link.pass_gate();
  const auto limits = with_limits ? drive.pending_limits() : LimitFrame{};
  // Limits that follow CONTROL..HEARTBEAT in the map ride in the cycle's own write.
  const bool merge =
      limits.any_changed() && has_23_ && limits_follow_command_ && limits.all_known();
  if (limits.any_changed() && !merge) {
    if (auto done = write_limits_apart(link, limits); !done) {
      if (done.error().kind == DriveErrorKind::modbus_exception) drive.limits_refused(limits);
      return result::unexpected(done.error());
    }
    drive.limits_delivered(limits);
    link.pass_gate();
  }

  auto& command = merge ? command_and_limits_ : command_;
  const auto status_block = profile.status_block;
  CycleFrame frame;
  ModbusLink::Outcome written;
  ModbusLink::Outcome read;  // the function 03 that follows a 16
  {
    // Nothing may come between building the frame and sending it (see ModbusLink::pass_gate),
    // nor, without function 23, between the write and its read: a stop's own exchange in
    // between would leave the read echoing the stop's heartbeat.
    const auto bypass = link.bypass_gate();
    frame = drive.next_frame();
    command.set(profile.command.control, drive.codec().encode_control(frame.control));
    command.set(profile.command.setpoint, frame.setpoint);
    command.set(profile.command.heartbeat, frame.heartbeat);
    if (merge) {
      for (std::size_t i = 0; i < limit_specs_.size(); ++i) {
        command.set(limit_specs_[i], *limits.values[i]);
      }
    }
    const auto words = command.words();
    const auto start = command.range().start;
    written = has_23_ ? link.write_read(drive.unit(), start, words, status_block.start,
                                        status_.words(), &drive.statistics())
                      : link.write(drive.unit(), start, words, &drive.statistics());
    if (written && !has_23_) {
      read = link.read(drive.unit(), status_block.start, status_.words(), &drive.statistics());
    }
  }
  if (!written) {
    // An exception means nothing of the request was applied; anything else leaves it unknown,
    // and the same frame (but a new heartbeat) goes out next cycle.
    if (written.error().kind == DriveErrorKind::modbus_exception) {
      if (merge) drive.limits_refused(limits);
      // Hold where the drive really is now, not where it was a cycle ago; otherwise the same
      // refusal could come back every cycle.
      (void)read_status(link);
      drive.refused(frame);
    }
    return result::unexpected(drive.error(written.error(), describe_exchange(merge)));
  }
  drive.delivered(frame);
  if (merge) drive.limits_delivered(limits);
  if (!read) return result::unexpected(drive.error(read.error(), describe_exchange(merge)));

  const auto echo = static_cast<std::uint16_t>(status_.get(profile.status.heartbeat_echo));
  if (echo != frame.heartbeat) {
    link.reject_stale_reply(&drive.statistics());
    return result::unexpected(drive.error(DriveErrorKind::bad_frame, describe_exchange(merge),
                                          "the reply echoes heartbeat " + std::to_string(echo) +
                                              ", not the " + std::to_string(frame.heartbeat) +
                                              " just written: it answered an earlier request"));
  }
  return take_status();
}

}  // namespace hal
