#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "profile/actuator_profile.hpp"
#include "sim/register_server.hpp"

// A stand-in for the simulated drives, for testing the transports alone: each unit holds a
// plain register file laid out as the profile says (identity, command, status, configuration),
// with the identity block filled in. Identity and status are read-only; anything outside the
// map is exception 02. Broadcasts are recorded. Thread-safe, as the RegisterServer contract asks.
namespace sim::testing {

class ScriptedDrives : public RegisterServer {
 public:
  ScriptedDrives(hal::ActuatorProfile profile, std::set<std::uint8_t> units)
      : profile_(std::move(profile)), units_(std::move(units)) {
    for (const auto unit : units_) {
      auto& file = registers_[unit];
      fill(file, profile_.identity_block, false);
      fill(file, profile_.command_block, true);
      fill(file, profile_.status_block, false);
      const auto& c = profile_.configuration;
      for (const auto* spec :
           {&c.comm_timeout, &c.comm_loss_action, &c.soft_min, &c.soft_max, &c.stall_current}) {
        fill(file, {spec->address, spec->words}, true);
      }
      const auto& command = profile_.command;
      for (const auto* spec :
           {&command.velocity_limit, &command.force_limit, &command.accel_limit}) {
        fill(file, {spec->address, spec->words}, true);
      }
      file[profile_.identity.map_id.address].value = profile_.map_id;
      file[profile_.identity.map_version.address].value = profile_.map_version;
      file[profile_.identity.axis_kind.address].value = unit;
    }
  }

  [[nodiscard]] const hal::ActuatorProfile& profile() const override { return profile_; }
  [[nodiscard]] bool has_unit(std::uint8_t unit) const override { return units_.contains(unit); }

  [[nodiscard]] std::optional<ModbusException> read(std::uint8_t unit, std::uint16_t address,
                                                    std::uint16_t count,
                                                    std::vector<std::uint16_t>& out) override {
    const std::scoped_lock lock(mutex_);
    return read_locked(unit, address, count, out);
  }

  [[nodiscard]] std::optional<ModbusException> write(
      std::uint8_t unit, std::uint16_t address, std::span<const std::uint16_t> words) override {
    const std::scoped_lock lock(mutex_);
    return write_locked(unit, address, words);
  }

  [[nodiscard]] std::optional<ModbusException> write_read(
      std::uint8_t unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
      std::uint16_t read_address, std::uint16_t read_count,
      std::vector<std::uint16_t>& out) override {
    const std::scoped_lock lock(mutex_);
    if (auto refused = write_locked(unit, write_address, words)) return refused;
    return read_locked(unit, read_address, read_count, out);
  }

  void broadcast_write(std::uint16_t address, std::span<const std::uint16_t> words) override {
    const std::scoped_lock lock(mutex_);
    broadcasts_.push_back({address, std::vector<std::uint16_t>(words.begin(), words.end())});
    for (const auto unit : units_) (void)write_locked(unit, address, words);
  }

  // The register as the drive holds it, for checking what a master wrote.
  [[nodiscard]] std::uint16_t word(std::uint8_t unit, std::uint16_t address) const {
    const std::scoped_lock lock(mutex_);
    return registers_.at(unit).at(address).value;
  }
  void set_word(std::uint8_t unit, std::uint16_t address, std::uint16_t value) {
    const std::scoped_lock lock(mutex_);
    registers_.at(unit).at(address).value = value;
  }

  struct Broadcast {
    std::uint16_t address;
    std::vector<std::uint16_t> words;
  };
  [[nodiscard]] std::vector<Broadcast> broadcasts() const {
    const std::scoped_lock lock(mutex_);
    return broadcasts_;
  }

 private:
  struct Register {
    std::uint16_t value = 0;
    bool writable = false;
  };
  using RegisterFile = std::map<std::uint16_t, Register>;

  static void fill(RegisterFile& file, hal::RegisterRange range, bool writable) {
    for (std::uint32_t a = range.start; a < range.start + range.count; ++a) {
      file[static_cast<std::uint16_t>(a)] = Register{0, writable};
    }
  }

  std::optional<ModbusException> read_locked(std::uint8_t unit, std::uint16_t address,
                                             std::uint16_t count,
                                             std::vector<std::uint16_t>& out) const {
    const auto& file = registers_.at(unit);
    out.clear();
    for (std::uint32_t a = address; a < address + count; ++a) {
      const auto found = file.find(static_cast<std::uint16_t>(a));
      if (found == file.end()) return ModbusException::illegal_data_address;
      out.push_back(found->second.value);
    }
    return std::nullopt;
  }

  std::optional<ModbusException> write_locked(std::uint8_t unit, std::uint16_t address,
                                              std::span<const std::uint16_t> words) {
    auto& file = registers_.at(unit);
    for (std::uint32_t a = address; a < address + words.size(); ++a) {
      const auto found = file.find(static_cast<std::uint16_t>(a));
      if (found == file.end() || !found->second.writable) {
        return ModbusException::illegal_data_address;
      }
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      file[static_cast<std::uint16_t>(address + i)].value = words[i];
    }
    return std::nullopt;
  }

  hal::ActuatorProfile profile_;
  std::set<std::uint8_t> units_;
  mutable std::mutex mutex_;
  std::map<std::uint8_t, RegisterFile> registers_;
  std::vector<Broadcast> broadcasts_;
};

}  // namespace sim::testing
