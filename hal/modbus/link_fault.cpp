#include "modbus/link_fault.hpp"

#include <modbus/modbus.h>

#include <system_error>

namespace hal {

LinkFault link_fault_from_errno(int error_number) {
  if (error_number >= EMBXILFUN && error_number <= EMBXGTAR) {
    return {DriveErrorKind::modbus_exception,
            static_cast<std::uint8_t>(error_number - MODBUS_ENOBASE),
            "the drive answered with an exception"};
  }
  switch (error_number) {
    case ETIMEDOUT:
      return {DriveErrorKind::timeout, std::nullopt, "no complete reply in time"};
    case EMBBADCRC:
      return {DriveErrorKind::bad_frame, std::nullopt, "the reply's CRC is wrong"};
    case EMBBADDATA:
      return {DriveErrorKind::bad_frame, std::nullopt,
              "the reply does not answer the request (function, length, address or "
              "transaction id differ)"};
    case EMBBADEXC:
      return {DriveErrorKind::bad_frame, std::nullopt, "the reply is a malformed exception"};
    case EMBUNKEXC:
      return {DriveErrorKind::bad_frame, std::nullopt,
              "the reply is an exception with an undefined code"};
    case EMBBADSLAVE:
      return {DriveErrorKind::bad_frame, std::nullopt, "the reply came from another unit"};
    case EMBMDATA:
      return {DriveErrorKind::bad_frame, std::nullopt,
              "the request asks for more registers than one Modbus frame holds"};
    default:
      break;
  }
  return {DriveErrorKind::disconnected, std::nullopt,
          std::error_code(error_number, std::generic_category()).message()};
}

}  // namespace hal
