#include "daemon/config/control_section.hpp"

namespace massaged {

ControlSection read_control_section(const std::optional<toml_strict::Table>& section) {
  ControlSection out;
  if (!section) return out;
  if (const auto n = section->optional_integer("rate_hz", kMinRateHz, kMaxRateHz)) {
    out.rate_hz = static_cast<int>(*n);
  }
  if (const auto n = section->optional_integer("comm_loss_cycles", 1, 100)) {
    out.comm_loss_cycles = static_cast<int>(*n);
  }
  section->reject_unknown_keys();
  return out;
}

}  // namespace massaged
