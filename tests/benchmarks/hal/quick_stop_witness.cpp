#include "quick_stop_witness.hpp"

#include <algorithm>

namespace bench {

QuickStopWitness::QuickStopWitness(sim::RegisterServer& drives) : drives_(&drives) {}

void QuickStopWitness::arm() {
  const std::lock_guard lock(mutex_);
  broadcast_.reset();
  units_.clear();
}

std::optional<QuickStopWitness::Clock::time_point> QuickStopWitness::first_stop() const {
  const std::lock_guard lock(mutex_);
  std::optional<Clock::time_point> first = broadcast_;
  for (const auto& [unit, at] : units_) {
    if (!first || at < *first) first = at;
  }
  return first;
}

std::optional<QuickStopWitness::Clock::time_point> QuickStopWitness::all_stopped(
    const std::set<std::uint8_t>& units) const {
  const std::lock_guard lock(mutex_);
  std::optional<Clock::time_point> last;
  for (const auto unit : units) {
    std::optional<Clock::time_point> seen = broadcast_;
    if (const auto found = units_.find(unit); found != units_.end()) {
      if (!seen || found->second < *seen) seen = found->second;
    }
    if (!seen) return std::nullopt;
    if (!last || *seen > *last) last = seen;
  }
  return last;
}

bool QuickStopWitness::carries_quick_stop(std::uint16_t address,
                                          std::span<const std::uint16_t> words) const {
  const auto& p = drives_->profile();
  const auto control = p.command.control.address;
  if (control < address || control >= address + words.size()) return false;
  return ((words[control - address] >> p.control_bits.quick_stop) & 1U) != 0;
}

void QuickStopWitness::note(std::optional<std::uint8_t> unit, Clock::time_point at) {
  const std::lock_guard lock(mutex_);
  if (!unit) {
    if (!broadcast_) broadcast_ = at;
    return;
  }
  units_.emplace(*unit, at);  // the first one stays
}

const hal::ActuatorProfile& QuickStopWitness::profile() const { return drives_->profile(); }

bool QuickStopWitness::has_unit(std::uint8_t unit) const { return drives_->has_unit(unit); }

std::optional<sim::ModbusException> QuickStopWitness::read(std::uint8_t unit, std::uint16_t address,
                                                           std::uint16_t count,
                                                           std::vector<std::uint16_t>& out) {
  return drives_->read(unit, address, count, out);
}

std::optional<sim::ModbusException> QuickStopWitness::write(std::uint8_t unit,
                                                            std::uint16_t address,
                                                            std::span<const std::uint16_t> words) {
  const auto at = Clock::now();
  if (carries_quick_stop(address, words)) note(unit, at);
  return drives_->write(unit, address, words);
}

std::optional<sim::ModbusException> QuickStopWitness::write_read(
    std::uint8_t unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
    std::uint16_t read_address, std::uint16_t read_count, std::vector<std::uint16_t>& out) {
  const auto at = Clock::now();
  if (carries_quick_stop(write_address, words)) note(unit, at);
  return drives_->write_read(unit, write_address, words, read_address, read_count, out);
}

void QuickStopWitness::broadcast_write(std::uint16_t address,
                                       std::span<const std::uint16_t> words) {
  const auto at = Clock::now();
  if (carries_quick_stop(address, words)) note(std::nullopt, at);
  drives_->broadcast_write(address, words);
}

}  // namespace bench
