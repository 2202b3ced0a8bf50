#pragma once

#include <optional>

#include "daemon/config/control_section.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "toml/strict_table.hpp"

// [safety]: the limits of the supervisor and the fault watch. Every key may be left out (its
// default applies) and may only tighten the hard ceilings in daemon/safety/hard_ceilings.hpp: a
// value beyond a ceiling is refused with the file, line and column, naming the ceiling. Values
// that depend on each other are checked together: the fault force must lie above every force
// the chair may press with, the longest session must not be shorter than the default one, and
// the time without fresh status that counts as communication loss must span two control cycles.
namespace massaged {

safety::SafetyLimits read_safety_section(const std::optional<toml_strict::Table>& section,
                                         const ControlSection& control);

}  // namespace massaged
