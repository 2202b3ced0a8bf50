#pragma once

#include <filesystem>
#include <vector>

#include "daemon/config/control_section.hpp"
#include "modbus/bus_config.hpp"
#include "toml/strict_table.hpp"

// [[bus]]: the Modbus lines and the drives on each. Besides each key's own range, the chair as
// a whole is checked: each of the five axis kinds is driven exactly once over all buses, no unit
// id is used twice on a bus, no bus name twice, and the link table matching `transport` is
// present while the other is absent.
namespace massaged {

inline constexpr int kMinUnitId = 1;
inline constexpr int kMaxUnitId = 247;

// Reads every [[bus]] of the file's top-level table. Profiles are loaded here (relative paths
// start at `config_directory`) so that a bad profile stops the daemon before anything moves.
std::vector<hal::BusConfig> read_bus_sections(const toml_strict::Table& root,
                                              const std::filesystem::path& config_directory,
                                              const ControlSection& control);

}  // namespace massaged
