#include "daemon/api/methods/register_methods.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/api/json/command_answer.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/api/transport/method_params.hpp"
#include "profile/register_names.hpp"

namespace massaged {

using nlohmann::json;

namespace {

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string address_text(std::uint16_t address) {
  char out[8];
  std::snprintf(out, sizeof out, "0x%04X", address);
  return out;
}

hal::DrivePlace drive_with_unit(const hal::DrivesView& drives, const MethodParams& p,
                                const std::optional<std::string>& bus_name, int unit) {
  std::vector<hal::DrivePlace> found;
  std::string units;
  for (std::size_t b = 0; b < drives.bus_count(); ++b) {
    const auto& name = drives.bus_name(b);
    if (bus_name && name != *bus_name) continue;
    for (std::size_t d = 0; d < drives.drive_count(b); ++d) {
      const auto drive_unit = drives.unit({b, d});
      units += (units.empty() ? "" : ", ") + name + " " + std::to_string(drive_unit);
      if (drive_unit == unit) found.push_back({b, d});
    }
  }
  if (found.empty()) {
    p.fail("no drive has unit " + std::to_string(unit) + (bus_name ? " on bus " + *bus_name : "") +
           "; the drives are (bus unit): " + (units.empty() ? std::string("none") : units));
  }
  if (found.size() > 1)
    p.fail("unit " + std::to_string(unit) + " is on several buses; say which (\"bus\")");
  return found.front();
}

// The registers asked for, by name; every one when none are named.
std::vector<std::pair<std::string, hal::RegisterSpec>> chosen_registers(
    const hal::ActuatorProfile& profile, const MethodParams& p, const json& names) {
  auto all = hal::named_registers(profile);
  if (names.is_null()) return all;
  if (!names.is_array() || names.empty()) {
    p.fail("\"names\" must be a list of register names, such as [\"status.position\"]");
  }
  std::vector<std::pair<std::string, hal::RegisterSpec>> out;
  for (const auto& name : names) {
    if (!name.is_string())
      p.fail("\"names\" must hold strings, not " + std::string(name.type_name()));
    const auto wanted = lower_case(name.get<std::string>());
    const auto match = std::find_if(all.begin(), all.end(), [&wanted](const auto& entry) {
      const auto dot = entry.first.find('.');
      return entry.first == wanted || entry.first.substr(dot + 1) == wanted;
    });
    if (match == all.end()) {
      std::string known;
      for (const auto& entry : all) known += (known.empty() ? "" : ", ") + entry.first;
      p.fail("the profile " + profile.name + " has no register \"" + name.get<std::string>() +
             "\"; it has " + known);
    }
    out.push_back(*match);
  }
  return out;
}

LaterAnswer read_registers_of(const hal::DrivesView& drives, const json& params) {
  const MethodParams p("diagnostics.registers", params, {"bus", "unit", "names"});
  const auto unit = p.optional_integer("unit", 1, 247);
  if (!unit) p.fail("\"unit\" is required: the drive's Modbus unit id, 1..247");
  const auto at = drive_with_unit(drives, p, p.optional_string("bus"), *unit);
  const auto& profile = drives.profile(at);
  const auto chosen = chosen_registers(profile, p, p.has("names") ? params["names"] : json());
  std::vector<hal::RegisterSpec> specs;
  for (const auto& entry : chosen) specs.push_back(entry.second);
  auto reading = std::make_shared<std::future<hal::DrivesView::RegisterValues>>(
      drives.read_registers(at, std::move(specs)));
  json header{{"bus", drives.bus_name(at.bus)},
              {"unit", *unit},
              {"axis", hal::to_string(drives.axis(at))},
              {"profile", profile.name}};
  return LaterAnswer(
      [reading, chosen, header]() -> std::optional<json> {
        if (reading->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
          return std::nullopt;
        }
        const auto values = reading->get();
        if (!values) {
          throw JsonRpcError(JsonRpcErrorCode::unavailable,
                             "cannot read the registers: " + values.error().message(),
                             json{{"reason", "drive unreachable"}});
        }
        json registers = json::array();
        for (std::size_t i = 0; i < chosen.size(); ++i) {
          registers.push_back(json{{"name", chosen[i].first},
                                   {"address", address_text(chosen[i].second.address)},
                                   {"words", chosen[i].second.words},
                                   {"value", (*values)[i]}});
        }
        auto out = header;
        out["registers"] = std::move(registers);
        return out;
      },
      kCommandPatience, "the registers' read");
}

}  // namespace

void add_register_methods(JsonRpcDispatcher& rpc, const hal::DrivesView& drives) {
  rpc.add_method("diagnostics.registers", ApiRole::technician,
                 [&drives](const json& params, const Caller&) {
                   return JsonRpcDispatcher::Result(read_registers_of(drives, params));
                 });
}

}  // namespace massaged
