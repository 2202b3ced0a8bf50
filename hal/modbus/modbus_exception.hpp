#pragma once

#include <cstdint>
#include <string_view>

namespace hal {

// The name the Modbus specification gives an exception code ("illegal data address"), for
// messages a technician reads next to a bus analyser; "unknown exception" for codes it does not
// define.
[[nodiscard]] std::string_view modbus_exception_name(std::uint8_t code);

}  // namespace hal
