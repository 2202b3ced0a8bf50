#include "sim/observer/finding_log.hpp"

#include <algorithm>

namespace sim {
namespace {

std::size_t slot_of(ObserverRule rule, std::optional<hal::AxisKind> axis) {
  const std::size_t column = axis ? static_cast<std::size_t>(*axis) + 1 : 0;
  return static_cast<std::size_t>(rule) * (hal::kAllAxisKinds.size() + 1) + column;
}

}  // namespace

FindingLog::FindingLog(std::size_t capacity) : capacity_(capacity) {
  open_.fill(kNone);
  findings_.reserve(std::min<std::size_t>(capacity_, 64));
}

void FindingLog::flag(ObserverRule rule, std::optional<hal::AxisKind> axis,
                      const ObservedWorld& world, const UnderRollers& under, double value,
                      double limit, std::string_view unit, Worse worse) {
  const auto slot = slot_of(rule, axis);
  flagged_[slot] = true;
  if (open_[slot] != kNone) {
    auto& f = findings_[open_[slot]];
    f.ended = world.now;
    f.value = worse == Worse::higher ? std::max(f.value, value) : std::min(f.value, value);
    return;
  }
  if (dropping_[slot]) return;
  if (findings_.size() >= capacity_) {
    ++dropped_;
    dropping_[slot] = true;
    return;
  }
  findings_.push_back(Finding{.rule = rule,
                              .began = world.now,
                              .ended = world.now,
                              .axis = axis,
                              .travel = world.travel(),
                              .lateral = world.lateral(),
                              .region = under.region,
                              .value = value,
                              .limit = limit,
                              .unit = unit});
  open_[slot] = findings_.size() - 1;
  if (listener_) listener_(findings_.back());
}

void FindingLog::end_step() {
  for (std::size_t slot = 0; slot < kSlots; ++slot) {
    if (!flagged_[slot]) {
      open_[slot] = kNone;
      dropping_[slot] = false;
    }
    flagged_[slot] = false;
  }
}

}  // namespace sim
