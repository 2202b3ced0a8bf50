#pragma once

#include <optional>
#include <string_view>

// What a client of the API may do. Each role includes the ones before it: a technician may do
// everything the panel may, an OEM everything a technician may. "anyone" is every client that
// can connect to the socket at all: it may still stop the chair.
namespace massaged {

enum class ApiRole {
  anyone,      // server information and the emergency stop
  panel,       // the person in the chair: sessions, status, programs to choose from
  technician,  // service work: fault reset, calibration, jog, diagnostics, bus statistics
  oem,         // the chair maker: installs and removes programs
};

[[nodiscard]] std::string_view to_string(ApiRole role);
[[nodiscard]] std::optional<ApiRole> parse_role(std::string_view text);

// Whether a client holding `held` may call a method that needs `needed`.
[[nodiscard]] constexpr bool grants(ApiRole held, ApiRole needed) { return held >= needed; }

}  // namespace massaged
