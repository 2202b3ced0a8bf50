#include "modbus/cycle_exchange.hpp"

#include <array>
#include <string>
#include <vector>

#include "modbus/register_access.hpp"
#include "profile/register_image.hpp"

namespace hal {
namespace {

std::array<RegisterSpec, 3> limit_specs(const ActuatorProfile& profile) {
  return {profile.command.velocity_limit, profile.command.accel_limit, profile.command.force_limit};
}

// Writes changed limits with function 16, ahead of the command that relies on them. When the
// three are adjacent and all known they go as one request.
result::Expected<void, DriveError> write_limits_apart(ModbusLink& link, DriveChannel& drive,
                                                      const LimitFrame& limits) {
  const auto specs = limit_specs(drive.profile());
  const bool together = contiguous_runs(specs).size() == 1 && limits.all_known();
  std::vector<RegisterSpec> to_write;
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (limits.changed[i] || (together && limits.values[i])) {
      to_write.push_back(specs[i]);
      values.push_back(*limits.values[i]);
    }
  }
  return write_registers(link, drive, to_write, values,
                         "writing VELOCITY_LIMIT, ACCEL_LIMIT, FORCE_LIMIT (function 16)");
}

}  // namespace

ReadingOutcome read_status(ModbusLink& link, DriveChannel& drive) {
  const auto& profile = drive.profile();
  const auto block = profile.status_block;
  std::vector<std::uint16_t> words(block.count);
  if (auto done = link.read(drive.unit(), block.start, words, &drive.statistics()); !done) {
    return result::unexpected(
        drive.error(done.error(), "reading the status block " + describe(block)));
  }
  const RegisterImage image(block, profile.word_order, std::move(words));
  if (auto trouble = drive.absorb(image)) return result::unexpected(std::move(*trouble));
  return *drive.reading();
}

ReadingOutcome exchange_cycle(ModbusLink& link, DriveChannel& drive, bool with_limits) {
  const auto& profile = drive.profile();
  const bool has_23 = profile.has_function(23);
  const auto specs = limit_specs(profile);
  const auto limit_runs = contiguous_runs(specs);
  const auto command_end = profile.command_block.start + profile.command_block.count;
  const bool limits_follow = limit_runs.size() == 1 && limit_runs[0].start == command_end;

  link.pass_gate();
  const auto limits = with_limits ? drive.pending_limits() : LimitFrame{};
  // Limits that follow CONTROL..HEARTBEAT in the map ride in the cycle's own write.
  const bool merge = limits.any_changed() && has_23 && limits_follow && limits.all_known();
  if (limits.any_changed() && !merge) {
    if (auto done = write_limits_apart(link, drive, limits); !done) {
      if (done.error().kind == DriveErrorKind::modbus_exception) drive.limits_refused(limits);
      return result::unexpected(done.error());
    }
    drive.limits_delivered(limits);
    link.pass_gate();
  }

  const auto status_block = profile.status_block;
  std::vector<std::uint16_t> status_words(status_block.count);
  RegisterRange write_range = profile.command_block;
  if (merge) {
    write_range.count = static_cast<std::uint16_t>(write_range.count + limit_runs[0].count);
  }
  const std::string doing =
      has_23 ? "exchanging the cycle (function 23: write " + describe(write_range) + ", read " +
                   describe(status_block) + ")"
             : "exchanging the cycle (function 16: write " + describe(write_range) +
                   ", then function 03: read " + describe(status_block) + ")";

  CycleFrame frame;
  ModbusLink::Outcome written;
  ModbusLink::Outcome read;  // the function 03 that follows a 16
  {
    // Nothing may come between building the frame and sending it (see ModbusLink::pass_gate),
    // nor, without function 23, between the write and its read: a stop's own exchange in
    // between would leave the read echoing the stop's heartbeat.
    const auto bypass = link.bypass_gate();
    frame = drive.next_frame();
    RegisterImage command(write_range, profile.word_order);
    command.set(profile.command.control, drive.codec().encode_control(frame.control));
    command.set(profile.command.setpoint, frame.setpoint);
    command.set(profile.command.heartbeat, frame.heartbeat);
    if (merge) {
      for (std::size_t i = 0; i < specs.size(); ++i) command.set(specs[i], *limits.values[i]);
    }
    const auto words = command.words();
    written = has_23 ? link.write_read(drive.unit(), write_range.start, words, status_block.start,
                                       status_words, &drive.statistics())
                     : link.write(drive.unit(), write_range.start, words, &drive.statistics());
    if (written && !has_23) {
      read = link.read(drive.unit(), status_block.start, status_words, &drive.statistics());
    }
  }
  if (!written) {
    // An exception means nothing of the request was applied; anything else leaves it unknown,
    // and the same frame (but a new heartbeat) goes out next cycle.
    if (written.error().kind == DriveErrorKind::modbus_exception) {
      if (merge) drive.limits_refused(limits);
      // Hold where the drive really is now, not where it was a cycle ago; otherwise the same
      // refusal could come back every cycle.
      (void)read_status(link, drive);
      drive.refused(frame);
    }
    return result::unexpected(drive.error(written.error(), doing));
  }
  drive.delivered(frame);
  if (merge) drive.limits_delivered(limits);
  if (!read) return result::unexpected(drive.error(read.error(), doing));

  const RegisterImage status(status_block, profile.word_order, std::move(status_words));
  const auto echo = static_cast<std::uint16_t>(status.get(profile.status.heartbeat_echo));
  if (echo != frame.heartbeat) {
    link.reject_stale_reply(&drive.statistics());
    return result::unexpected(drive.error(DriveErrorKind::bad_frame, doing,
                                          "the reply echoes heartbeat " + std::to_string(echo) +
                                              ", not the " + std::to_string(frame.heartbeat) +
                                              " just written: it answered an earlier request"));
  }
  if (auto trouble = drive.absorb(status)) return result::unexpected(std::move(*trouble));
  return *drive.reading();
}

}  // namespace hal
