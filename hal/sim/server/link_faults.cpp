#include "sim/server/link_faults.hpp"

#include <stdexcept>
#include <string>

namespace sim {
namespace {

void check_probability(const std::optional<double>& value, const char* field) {
  if (value && !(*value >= 0.0 && *value <= 1.0)) {
    throw std::invalid_argument(std::string(field) + ": " + std::to_string(*value) +
                                " is not a probability, allowed 0..1");
  }
}

void apply(const LinkFaultsChange& change, LinkFaults& faults) {
  if (change.drop) faults.drop = *change.drop;
  if (change.corrupt) faults.corrupt = *change.corrupt;
  if (change.delay) faults.delay = *change.delay;
  if (change.silent) faults.silent = *change.silent;
}

}  // namespace

void LinkFaultInjector::change(const LinkFaultsChange& change, std::optional<std::uint8_t> unit) {
  check_probability(change.drop, "drop");
  check_probability(change.corrupt, "corrupt");
  if (change.delay &&
      (*change.delay < std::chrono::milliseconds{0} || *change.delay > kMaxLinkDelay)) {
    throw std::invalid_argument("delay_ms: " + std::to_string(change.delay->count()) +
                                " is out of range, allowed 0.." +
                                std::to_string(kMaxLinkDelay.count()));
  }
  const std::scoped_lock lock(mutex_);
  if (!unit || *unit == 0) {
    apply(change, bus_);
    return;
  }
  auto [entry, created] = units_.try_emplace(*unit, bus_);
  apply(change, entry->second);
}

void LinkFaultInjector::clear() {
  const std::scoped_lock lock(mutex_);
  bus_ = LinkFaults{};
  units_.clear();
}

LinkFaults LinkFaultInjector::faults_for(std::uint8_t unit) const {
  const std::scoped_lock lock(mutex_);
  return faults_locked(unit);
}

AnswerFate LinkFaultInjector::next_answer(std::uint8_t unit) {
  const std::scoped_lock lock(mutex_);
  const LinkFaults faults = faults_locked(unit);
  AnswerFate fate;
  fate.delay = faults.delay;
  if (faults.silent) {
    fate.reaches_drive = false;
    fate.send = false;
    return fate;
  }
  if (happens_locked(faults.drop)) {
    fate.send = false;
    return fate;
  }
  fate.corrupt = happens_locked(faults.corrupt);
  return fate;
}

const LinkFaults& LinkFaultInjector::faults_locked(std::uint8_t unit) const {
  const auto found = units_.find(unit);
  return found != units_.end() ? found->second : bus_;
}

bool LinkFaultInjector::happens_locked(double probability) {
  if (probability <= 0.0) return false;  // a healthy link draws nothing: runs stay comparable
  // 53 random bits as a fraction in [0, 1): the same sequence on every standard library.
  const double draw = static_cast<double>(random_() >> 11U) * 0x1.0p-53;
  return draw < probability;
}

}  // namespace sim
