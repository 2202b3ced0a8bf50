#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "modbus/drive_channel.hpp"
#include "modbus/drive_error.hpp"
#include "modbus/modbus_link.hpp"
#include "profile/actuator_profile.hpp"
#include "result/expected.hpp"

// Reading and writing a handful of named registers of one drive (identity, watchdog settings,
// limits) in as few transactions as the map allows: registers at adjacent addresses travel
// together.
namespace hal {

// The specs grouped into runs of adjacent addresses, in address order.
[[nodiscard]] std::vector<RegisterRange> contiguous_runs(std::span<const RegisterSpec> specs);

// "0x0100..0x0102", for messages.
[[nodiscard]] std::string describe(const RegisterRange& range);

// Values of `specs`, in their order, as the drive interprets them (signedness, word order).
result::Expected<std::vector<std::int64_t>, DriveError> read_registers(
    ModbusLink& link, DriveChannel& drive, std::span<const RegisterSpec> specs,
    const std::string& doing);

// Writes values[i] to specs[i] with function 16. Throws std::out_of_range for a value that does
// not fit its register (a bug of the caller, who checks first).
result::Expected<void, DriveError> write_registers(ModbusLink& link, DriveChannel& drive,
                                                   std::span<const RegisterSpec> specs,
                                                   std::span<const std::int64_t> values,
                                                   const std::string& doing);

}  // namespace hal
