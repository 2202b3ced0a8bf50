#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "modbus/bus_config.hpp"
#include "profile/actuator_profile.hpp"
#include "sim/chair/chair_config.hpp"

// What the chair-sim program is asked to simulate and how to serve it, from its command line,
// and the parsing of the option values that have a syntax of their own.
namespace sim {

struct ChairSimOptions {
  std::optional<hal::TcpEndpoint> tcp;             // --tcp HOST:PORT
  std::optional<std::filesystem::path> rtu;        // --rtu PATH
  int baud = 115200;                               // --baud (RTU line time)
  hal::Parity parity = hal::Parity::even;          // --parity
  std::filesystem::path profile;                   // --profile, or default_profile_path()
  std::map<hal::AxisKind, std::uint8_t> units;     // --units: those given replace the defaults
  std::map<hal::AxisKind, std::uint32_t> serials;  // --serials: likewise
  BodySize body = BodySize::medium;                // --body
  std::optional<double> shoulder_mm;               // --shoulder-mm
  std::optional<double> sitting_forward_mm;        // --sitting-forward-mm
  std::optional<double> back_end_mm;               // --back-end-mm (above the seat)
  bool nobody = false;                             // --nobody
  std::uint64_t seed = 1;                          // --seed: load-cell noise and link faults
  std::optional<std::filesystem::path> control;    // --control
};

// "127.0.0.1:502", "localhost:0", "[::1]:1502". Throws std::invalid_argument saying what is
// expected.
hal::TcpEndpoint parse_tcp_endpoint(std::string_view text);

// "travel=1,width=2,depth=3,knead=4,tap=5", or any subset. Throws std::invalid_argument naming
// the faulty entry.
std::map<hal::AxisKind, std::uint8_t> parse_unit_ids(std::string_view text);

// The drives' serial numbers, "depth=20269999" or any subset of the axes; the same errors.
std::map<hal::AxisKind, std::uint32_t> parse_serials(std::string_view text);

// The shipped RA-1 profile, ra1.toml, from the first place that has it: under the installation
// prefix of `executable` (its directory's parent) in share/massaged/profiles/ or
// etc/massaged/profiles/, the configuration directory the build installs profiles to, and
// finally the source tree this program was built from.
std::filesystem::path default_profile_path(const std::filesystem::path& executable);

// The chair the options describe, serving `profile`. Throws std::invalid_argument when the
// result is unusable (duplicate unit ids, shoulders out of reach, ...).
ChairConfig chair_config_from(const ChairSimOptions& options, hal::ActuatorProfile profile);

}  // namespace sim
