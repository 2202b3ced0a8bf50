#include "daemon/control/homing_sequence.hpp"

namespace control {
namespace {

using hal::AxisKind;

const std::array<std::vector<AxisKind>, 2> kSteps = {
    std::vector<AxisKind>{AxisKind::depth},
    std::vector<AxisKind>{AxisKind::travel, AxisKind::width}};

safety::Fault homing_fault(const ChairMeasurement& measured, AxisKind axis, std::string detail) {
  const auto& sample = measured.axis(axis);
  safety::Fault f;
  f.kind = safety::FaultKind::homing_failed;
  f.axis = axis;
  f.bus = sample.bus;
  f.unit = sample.unit;
  f.detail = std::move(detail);
  return f;
}

}  // namespace

HomingSequence::HomingSequence(Scope scope, time_point now) : scope_(scope), step_since_(now) {}

std::optional<safety::Fault> HomingSequence::begin_step(RollerCarriage& carriage,
                                                        const ChairMeasurement& measured,
                                                        time_point now) {
  homing_.clear();
  step_begun_ = true;
  step_since_ = now;
  for (const auto axis : kSteps[step_]) {
    const auto* reading = measured.linear(axis);
    const bool homed = reading != nullptr && reading->flags.homed;
    if (scope_ == Scope::lost_reference && homed) continue;
    homing_.push_back({axis});
  }
  for (const auto& h : homing_) {
    if (auto refused = carriage.home(h.axis)) {
      return homing_fault(measured, h.axis,
                          "the axis could not be homed: " + refused->message() +
                              "; check the drive, then reset the chair");
    }
  }
  return std::nullopt;
}

std::optional<safety::Fault> HomingSequence::watch(const ChairMeasurement& measured,
                                                   time_point now) {
  for (auto& h : homing_) {
    if (h.done) continue;
    const auto* reading = measured.linear(h.axis);
    if (reading == nullptr || !measured.axis(h.axis).fresh()) continue;
    const auto& flags = reading->flags;
    h.started = h.started || flags.homing || !flags.homed;
    h.done = h.started && flags.homed && !flags.homing;
    if (!h.done && now - step_since_ > kHomingTimeLimit) {
      return homing_fault(measured, h.axis,
                          "homing did not finish within " +
                              std::to_string(kHomingTimeLimit.count()) +
                              " s; check that nothing blocks the axis and that its end stop "
                              "switch works");
    }
  }
  return std::nullopt;
}

HomingSequence::Progress HomingSequence::step(RollerCarriage& carriage,
                                              const ChairMeasurement& measured, time_point now) {
  Progress p;
  while (step_ < kSteps.size()) {
    if (!step_begun_) {
      if (auto refused = begin_step(carriage, measured, now)) {
        p.failed = refused;
        return p;
      }
    }
    if (auto fault = watch(measured, now)) {
      p.failed = fault;
      return p;
    }
    bool all_done = true;
    for (const auto& h : homing_) all_done = all_done && h.done;
    if (!all_done) {
      p.doing = doing();
      return p;
    }
    ++step_;
    step_begun_ = false;
  }
  p.done = true;
  p.doing = "homed";
  return p;
}

std::string HomingSequence::doing() const {
  std::string names;
  std::vector<std::string> pending;
  for (const auto& h : homing_) {
    if (!h.done) pending.emplace_back(hal::to_string(h.axis));
  }
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (i > 0) names += i + 1 == pending.size() ? " and " : ", ";
    names += pending[i];
  }
  return "homing " + names;
}

}  // namespace control
