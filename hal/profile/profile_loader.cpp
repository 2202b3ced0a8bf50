#include "profile/profile_loader.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "profile/register_names.hpp"
#include "toml/strict_table.hpp"

namespace hal {
namespace {

using toml_strict::Table;

RegisterSpec read_register(const Table& group, std::string_view key, bool default_signed) {
  const auto t = group.table(key);
  RegisterSpec spec;
  spec.address = static_cast<std::uint16_t>(t.integer("address", 0, 0xFFFF));
  spec.words = static_cast<std::uint8_t>(t.optional_integer("words", 1, 2).value_or(1));
  spec.is_signed = t.optional_boolean("signed").value_or(default_signed);
  if (spec.address + spec.words > 0x10000) {
    t.fail("words", "the register runs past address 0xFFFF");
  }
  t.reject_unknown_keys();
  return spec;
}

unsigned read_bit(const Table& t, std::string_view key) {
  return static_cast<unsigned>(t.integer(key, 0, 15));
}

// A named register with the place it was declared, for overlap and block checks, and the
// profile's field that holds it.
struct Declared {
  std::string name;
  RegisterSpec spec;
  std::string where;
  const RegisterSpec* field = nullptr;
};

// The smallest range holding `members`; they must tile it with no gap.
RegisterRange contiguous_block(const std::vector<Declared>& members, std::string_view what) {
  auto sorted = members;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.spec.address < b.spec.address; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].spec.address != sorted[i - 1].spec.end()) {
      throw toml_strict::FileError(
          sorted[i].where + ": " + sorted[i].name + ": the " + std::string(what) +
          " must be contiguous, but it follows " + sorted[i - 1].name + " with a gap or overlap " +
          "(expected address " + std::to_string(sorted[i - 1].spec.end()) + ")");
    }
  }
  const auto start = sorted.front().spec.address;
  return RegisterRange{start, static_cast<std::uint16_t>(sorted.back().spec.end() - start)};
}

void reject_overlaps(const std::vector<Declared>& all) {
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const auto& a = all[i].spec;
      const auto& b = all[j].spec;
      if (a.address < b.end() && b.address < a.end()) {
        throw toml_strict::FileError(all[j].where + ": " + all[j].name + " overlaps " +
                                     all[i].name + " (declared at " + all[i].where + ")");
      }
    }
  }
}

void reject_shared_bits(const Table& t, const std::vector<std::pair<std::string, unsigned>>& bits) {
  for (std::size_t i = 0; i < bits.size(); ++i) {
    for (std::size_t j = i + 1; j < bits.size(); ++j) {
      if (bits[i].second == bits[j].second) {
        t.fail(bits[j].first, "bit " + std::to_string(bits[j].second) + " is already used by " +
                                  t.dotted(bits[i].first));
      }
    }
  }
}

void read_drive(const Table& root, ActuatorProfile& p) {
  const auto drive = root.table("drive");
  p.name = drive.string("name");
  p.map_id = static_cast<std::uint16_t>(drive.integer("map_id", 0, 0xFFFF));
  p.map_version = static_cast<std::uint16_t>(drive.integer("map_version", 0, 0xFFFF));
  p.word_order =
      drive.choice("word_order", {"high_word_first", "low_word_first"}) == "high_word_first"
          ? WordOrder::high_word_first
          : WordOrder::low_word_first;
  for (const auto code : drive.integer_array("function_codes", 1, 127)) {
    p.function_codes.insert(static_cast<std::uint8_t>(code));
  }
  for (const std::uint8_t needed : {3, 16}) {
    if (!p.has_function(needed)) {
      drive.fail("function_codes", "must include " + std::to_string(needed) +
                                       " (the controller reads with 3 and writes with 16)");
    }
  }
  drive.reject_unknown_keys();

  const auto kinds = root.table("axis_kinds");
  for (const auto kind : kAllAxisKinds) {
    p.axis_kind_codes[kind] =
        static_cast<std::uint16_t>(kinds.integer(std::string(to_string(kind)), 0, 0xFFFF));
  }
  kinds.reject_unknown_keys();
}

// The registers of one [registers.<group>] table, in the order of for_each_register; a register
// a drive may lack comes after the others, so that a missing one is reported first.
std::vector<Declared> read_group(const Table& registers, std::string_view group,
                                 ActuatorProfile& p) {
  const auto t = registers.table(group);
  std::vector<Declared> out;
  auto declare = [&t, &out](const RegisterName& name, RegisterSpec& field) {
    field = read_register(t, name.key, name.signed_by_default);
    out.push_back({t.dotted(name.key), field, t.where(name.key), &field});
  };
  for_each_register(p, [&](const RegisterName& name, auto& field) {
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, RegisterSpec>) {
      if (name.group == group) declare(name, field);
    }
  });
  for_each_register(p, [&](const RegisterName& name, auto& field) {
    if constexpr (!std::is_same_v<std::decay_t<decltype(field)>, RegisterSpec>) {
      if (name.group == group && t.has(name.key)) declare(name, field.emplace());
    }
  });
  t.reject_unknown_keys();
  return out;
}

void read_registers(const Table& root, ActuatorProfile& p) {
  const auto regs = root.table("registers");
  std::map<std::string_view, std::vector<Declared>> groups;
  std::vector<Declared> all;
  for (const auto group : kRegisterGroups) {
    const auto& declared = groups[group] = read_group(regs, group, p);
    all.insert(all.end(), declared.begin(), declared.end());
  }
  regs.reject_unknown_keys();

  const auto& c = p.command;
  const auto& s = p.status;
  reject_overlaps(all);
  for (const auto* one : {&c.control, &c.heartbeat, &s.status, &s.alarm, &s.heartbeat_echo}) {
    if (one->words != 1) {
      throw toml_strict::FileError(regs.where("command") +
                                   ": control, heartbeat, status, alarm and heartbeat_echo "
                                   "registers must be one word");
    }
  }
  std::vector<Declared> cycle_writes;
  for (const auto& d : groups["command"]) {
    if (d.field == &c.control || d.field == &c.setpoint || d.field == &c.heartbeat) {
      cycle_writes.push_back(d);
    }
  }
  p.identity_block = contiguous_block(groups["identity"], "identity block");
  p.command_block = contiguous_block(cycle_writes, "command block (control, setpoint, heartbeat)");
  p.status_block = contiguous_block(groups["status"], "status block");
}

void read_scales(const Table& root, Scales& s) {
  const auto t = root.table("scales");
  auto scale = [&t](std::string_view key) { return t.number(key, 1e-6, 1e6); };
  s.linear_position = scale("linear_position");
  s.linear_velocity = scale("linear_velocity");
  s.linear_acceleration = scale("linear_acceleration");
  s.rotary_position = scale("rotary_position");
  s.rotary_velocity = scale("rotary_velocity");
  s.rotary_acceleration = scale("rotary_acceleration");
  s.force = scale("force");
  s.current = scale("current");
  s.temperature = scale("temperature");
  s.time_ms = scale("time_ms");
  t.reject_unknown_keys();
}

void read_bits(const Table& root, ActuatorProfile& p) {
  const auto cb = root.table("control_bits");
  auto& c = p.control_bits;
  c.enable = read_bit(cb, "enable");
  c.halt = read_bit(cb, "halt");
  c.quick_stop = read_bit(cb, "quick_stop");
  c.fault_reset = read_bit(cb, "fault_reset");
  c.home = read_bit(cb, "home");
  c.mode_shift = read_bit(cb, "mode_shift");
  c.mode_width = static_cast<unsigned>(cb.integer("mode_width", 1, 4));
  if (c.mode_shift + c.mode_width > 16) cb.fail("mode_width", "the mode field runs past bit 15");
  const auto modes = cb.table("modes");
  const auto mode_max = static_cast<std::int64_t>((1U << c.mode_width) - 1U);
  c.mode_values[DriveMode::position] =
      static_cast<std::uint16_t>(modes.integer("position", 0, mode_max));
  c.mode_values[DriveMode::velocity] =
      static_cast<std::uint16_t>(modes.integer("velocity", 0, mode_max));
  c.mode_values[DriveMode::force] = static_cast<std::uint16_t>(modes.integer("force", 0, mode_max));
  modes.reject_unknown_keys();
  cb.reject_unknown_keys();
  std::vector<std::pair<std::string, unsigned>> used = {{"enable", c.enable},
                                                        {"halt", c.halt},
                                                        {"quick_stop", c.quick_stop},
                                                        {"fault_reset", c.fault_reset},
                                                        {"home", c.home}};
  for (unsigned b = c.mode_shift; b < c.mode_shift + c.mode_width; ++b)
    used.emplace_back("mode_shift", b);
  reject_shared_bits(cb, used);

  const auto sb = root.table("status_bits");
  auto& s = p.status_bits;
  std::vector<std::pair<std::string, unsigned>> status_used;
  for (auto [name, field] : std::initializer_list<std::pair<const char*, unsigned*>>{
           {"ready", &s.ready},
           {"enabled", &s.enabled},
           {"moving", &s.moving},
           {"target_reached", &s.target_reached},
           {"homed", &s.homed},
           {"fault", &s.fault},
           {"force_limited", &s.force_limited},
           {"homing", &s.homing},
           {"at_min", &s.at_min},
           {"at_max", &s.at_max},
           {"comm_lost", &s.comm_lost}}) {
    *field = read_bit(sb, name);
    status_used.emplace_back(name, *field);
  }
  sb.reject_unknown_keys();
  reject_shared_bits(sb, status_used);

  const auto capb = root.table("capability_bits");
  auto& k = p.capability_bits;
  k.position_mode = read_bit(capb, "position_mode");
  k.velocity_mode = read_bit(capb, "velocity_mode");
  k.force_mode = read_bit(capb, "force_mode");
  k.force_sensor = read_bit(capb, "force_sensor");
  k.homing = read_bit(capb, "homing");
  capb.reject_unknown_keys();
}

void read_alarms_and_actions(const Table& root, ActuatorProfile& p) {
  for (const auto& a : root.array_of_tables("alarms")) {
    AlarmSpec spec;
    spec.code = static_cast<std::uint16_t>(a.integer("code", 1, 0xFFFF));
    spec.name = a.string("name");
    std::vector<std::string_view> kinds;
    for (const auto& [key, kind] : kAlarmKindKeys) kinds.push_back(key);
    spec.kind = *alarm_kind_from_key(a.choice("kind", kinds));
    if (p.alarm(spec.code) != nullptr) {
      a.fail("code", "alarm code " + std::to_string(spec.code) + " is declared twice");
    }
    a.reject_unknown_keys();
    p.alarms.push_back(std::move(spec));
  }

  const auto actions = root.table("comm_loss_actions");
  p.comm_loss_actions[CommLossAction::none] =
      static_cast<std::uint16_t>(actions.integer("none", 0, 0xFFFF));
  p.comm_loss_actions[CommLossAction::halt] =
      static_cast<std::uint16_t>(actions.integer("halt", 0, 0xFFFF));
  p.comm_loss_actions[CommLossAction::quick_stop] =
      static_cast<std::uint16_t>(actions.integer("quick_stop", 0, 0xFFFF));
  actions.reject_unknown_keys();
}

ActuatorProfile read_profile(const toml_strict::Document& doc) {
  const auto root = doc.root();
  ActuatorProfile p;
  read_drive(root, p);
  read_registers(root, p);
  read_scales(root, p.scales);
  read_bits(root, p);
  read_alarms_and_actions(root, p);
  root.reject_unknown_keys();
  return p;
}

}  // namespace

ActuatorProfile load_profile(const std::filesystem::path& path) {
  return read_profile(toml_strict::Document::parse_file(path));
}

ActuatorProfile parse_profile(std::string_view text, std::string source_name) {
  return read_profile(toml_strict::Document::parse_text(text, std::move(source_name)));
}

}  // namespace hal
