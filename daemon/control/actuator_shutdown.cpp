#include "daemon/control/actuator_shutdown.hpp"

#include <string>

#include <spdlog/spdlog.h>

namespace control {
namespace {

// The rollers count as drawn in within this of their zero.
constexpr units::Millimetres kShutdownRetracted{1.0};

// What still keeps the actuators from their safe state, among the drives that answered.
std::optional<std::string> still_moving(const ChairMeasurement& measured) {
  for (const auto& sample : measured.axes) {
    if (!sample.fresh()) continue;
    const auto& flags = flags_of(*sample.reading);
    if (flags.enabled || flags.moving) {
      return "the " + std::string(hal::to_string(sample.kind)) + " axis still " +
             (flags.moving ? "moves" : "is enabled");
    }
  }
  if (measured.axis(hal::AxisKind::depth).fresh() && measured.depth > kShutdownRetracted) {
    return "the rollers are not retracted yet";
  }
  return std::nullopt;
}

bool any_answer(const ChairMeasurement& measured) {
  for (const auto& sample : measured.axes) {
    if (sample.fresh()) return true;
  }
  return false;
}

}  // namespace

bool ActuatorShutdown::begin(std::promise<CommandReply>& reply, time_point now) {
  if (waiting_) {
    reply.set_value({false, "a shutdown is already under way"});
    return false;
  }
  begun_ = true;
  waiting_ = Waiting{now + patience_, std::move(reply)};
  return true;
}

void ActuatorShutdown::advance(const ChairMeasurement& measured, time_point now) {
  if (!waiting_) return;
  const auto moving = still_moving(measured);
  CommandReply reply;
  if (!any_answer(measured)) {
    reply = {true, "no drive answers: each stops by itself once its communication timeout passes"};
  } else if (!moving) {
    reply = {true, "the actuators are in their safe state: stopped, rollers retracted, disabled"};
  } else if (now > waiting_->deadline) {
    reply = {false, "the actuators did not reach their safe state within " +
                        std::to_string(patience_.count()) + " ms: " + *moving};
  } else {
    return;
  }
  spdlog::info("chair: {}", reply.message);
  waiting_->reply.set_value(reply);
  waiting_.reset();
}

}  // namespace control
