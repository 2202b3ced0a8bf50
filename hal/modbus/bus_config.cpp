#include "modbus/bus_config.hpp"

namespace hal {

std::string link_text(const BusLink& link) {
  if (const auto* rtu = std::get_if<RtuLine>(&link)) return "rtu " + rtu->device.string();
  if (const auto* memory = std::get_if<InMemoryLink>(&link)) return "in-memory " + memory->name;
  const auto& tcp = std::get<TcpEndpoint>(link);
  return "tcp " + tcp.host + ":" + std::to_string(tcp.port);
}

}  // namespace hal
