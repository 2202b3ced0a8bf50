#include "sim/server/chair_sim_options.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

namespace sim {
namespace {

std::optional<long> whole_number(std::string_view text) {
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

hal::TcpEndpoint parse_tcp_endpoint(std::string_view text) {
  const auto colon = text.rfind(':');
  const auto expected = "--tcp " + std::string(text) +
                        ": expected HOST:PORT with a port 0..65535 (0 = any free port), e.g. "
                        "127.0.0.1:1502";
  if (colon == std::string_view::npos || colon == 0) throw std::invalid_argument(expected);
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);  // [::1]
  }
  const auto port = whole_number(text.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535 || host.empty()) throw std::invalid_argument(expected);
  return hal::TcpEndpoint{std::string(host), static_cast<std::uint16_t>(*port)};
}

namespace {

// "travel=1,width=2" or any subset, each value in min..max; `option` and `value` name them in
// the message.
template <class Value>
std::map<hal::AxisKind, Value> parse_axis_values(std::string_view text, std::string_view option,
                                                 std::string_view value, long min, long max,
                                                 std::string_view example) {
  std::map<hal::AxisKind, Value> values;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view entry = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto equals = entry.find('=');
    const auto kind = hal::axis_kind_from_string(entry.substr(0, equals));
    const auto number =
        equals == std::string_view::npos ? std::nullopt : whole_number(entry.substr(equals + 1));
    if (!kind || !number || *number < min || *number > max) {
      throw std::invalid_argument(std::string(option) + ": \"" + std::string(entry) +
                                  "\" is not AXIS=" + std::string(value) +
                                  " with AXIS one of travel, width, depth, knead, tap and " +
                                  std::string(value) + " " + std::to_string(min) + ".." +
                                  std::to_string(max) + ", e.g. " + std::string(example));
    }
    if (!values.emplace(*kind, static_cast<Value>(*number)).second) {
      throw std::invalid_argument(std::string(option) + ": " + std::string(hal::to_string(*kind)) +
                                  " is given twice");
    }
  }
  return values;
}

}  // namespace

std::map<hal::AxisKind, std::uint8_t> parse_unit_ids(std::string_view text) {
  return parse_axis_values<std::uint8_t>(text, "--units", "UNIT", 1, 247, "travel=1,width=2");
}

std::map<hal::AxisKind, std::uint32_t> parse_serials(std::string_view text) {
  return parse_axis_values<std::uint32_t>(text, "--serials", "SERIAL", 0, 0xFFFFFFFF,
                                          "depth=20269999");
}

std::filesystem::path default_profile_path(const std::filesystem::path& executable) {
  const auto prefix = executable.parent_path().parent_path();
  const std::filesystem::path candidates[] = {
      prefix / "share" / "massaged" / "profiles" / "ra1.toml",
      prefix / "etc" / "massaged" / "profiles" / "ra1.toml",
      std::filesystem::path(MASSAGED_INSTALL_PROFILES_DIR) / "ra1.toml",
  };
  for (const auto& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
  }
  return std::filesystem::path(MASSAGED_SOURCE_PROFILES_DIR) / "ra1.toml";
}

ChairConfig chair_config_from(const ChairSimOptions& options, hal::ActuatorProfile profile) {
  ChairConfig config;
  config.profile = std::move(profile);
  for (const auto& [kind, unit] : options.units) config.unit_ids[kind] = unit;
  for (const auto& [kind, serial] : options.serials) config.serials[kind] = serial;
  config.body = body_of_size(options.body);
  if (options.shoulder_mm) config.body.shoulder_travel = units::Millimetres(*options.shoulder_mm);
  if (options.sitting_forward_mm) {
    config.body.sitting_forward = units::Millimetres(*options.sitting_forward_mm);
  }
  if (options.back_end_mm) {
    config.body.back_end_above_seat = units::Millimetres(*options.back_end_mm);
  }
  config.body.seated = !options.nobody;
  config.seed = options.seed;
  check_chair_config(config);
  return config;
}

}  // namespace sim
