#include "daemon/control/estop_latch.hpp"

#include <spdlog/spdlog.h>

#include "daemon/safety/fault_watch.hpp"

namespace control {
namespace {

void refuse(std::promise<CommandReply>& reply, const std::string& why) {
  spdlog::warn("chair: reset refused: {}", why);
  reply.set_value({false, "cannot reset: " + why});
}

// What keeps a drive from being enabled after its alarm was reset, if anything.
std::optional<std::string> alarms_standing(const ChairMeasurement& measured) {
  for (const auto& sample : measured.axes) {
    if (!sample.fresh()) {
      return "no fresh status from " + safety::describe_drive(sample) + ": " +
             (sample.error ? sample.error->message() : std::string("no reading yet"));
    }
    if (const auto& alarm = alarm_of(*sample.reading)) {
      return safety::describe_drive(sample) + " still reports alarm " +
             std::to_string(alarm->code) + " (" + alarm->name + ") after a fault reset";
    }
  }
  return std::nullopt;
}

}  // namespace

void EmergencyStopLatch::set(const std::string& why) {
  latched_ = true;
  refuse_reset(why);
}

void EmergencyStopLatch::refuse_reset(const std::string& why) {
  if (!reset_) return;
  refuse(reset_->reply, why);
  reset_.reset();
}

void EmergencyStopLatch::begin_reset(std::promise<CommandReply>& reply,
                                     const std::optional<std::string>& refusal,
                                     RollerCarriage& carriage, const ChairMeasurement& measured,
                                     time_point now) {
  if (refusal) {
    refuse(reply, *refusal);
    return;
  }
  reset_ = Reset{Phase::clearing_alarms, now + patience_, std::move(reply)};
  for (const auto& sample : measured.axes) {
    if (sample.reading && alarm_of(*sample.reading)) (void)carriage.reset_fault(sample.kind);
  }
  spdlog::info("chair: reset requested: clearing the drives' alarms and enabling them");
}

bool EmergencyStopLatch::advance(RollerCarriage& carriage, const ChairMeasurement& measured,
                                 const std::optional<safety::Fault>& cycle_fault, time_point now) {
  if (!reset_) return false;
  if (reset_->phase == Phase::clearing_alarms) {
    clear_alarms(carriage, measured, now);
    return false;
  }
  if (cycle_fault) {
    refuse_reset(cycle_fault->message());
    return false;
  }
  if (!all_enabled(measured, now)) return false;
  // Every drive is enabled and holds where it stands: the latch clears.
  reset_->reply.set_value({true, "reset: the chair homes and parks its rollers, then it is ready"});
  reset_.reset();
  latched_ = false;
  return true;
}

void EmergencyStopLatch::clear_alarms(RollerCarriage& carriage, const ChairMeasurement& measured,
                                      time_point now) {
  if (const auto standing = alarms_standing(measured)) {
    if (now > reset_->deadline) {
      refuse_reset(*standing + ": the cause remains; remove it, then reset again");
    }
    return;
  }
  for (const auto axis : hal::kAllAxisKinds) {
    if (auto refused = carriage.enable(axis)) {
      refuse_reset(refused->message());
      return;
    }
  }
  reset_->phase = Phase::enabling;
  reset_->deadline = now + patience_;
}

bool EmergencyStopLatch::all_enabled(const ChairMeasurement& measured, time_point now) {
  for (const auto& sample : measured.axes) {
    if (sample.fresh() && flags_of(*sample.reading).enabled) continue;
    if (now > reset_->deadline) {
      refuse_reset(safety::describe_drive(sample) + " did not enable within " +
                   std::to_string(patience_.count()) + " ms; check the drive, then reset again");
    }
    return false;
  }
  return true;
}

}  // namespace control
