#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "sim/register_server.hpp"
#include "sim/server/link_faults.hpp"
#include "sim/server/pdu_responder.hpp"

// Modbus TCP in front of the simulated drives, as a gateway would be: the MBAP header's unit id
// selects the drive, a unit id no drive has gets exception 0x0B (gateway target failed).
// Several masters may be connected at once; each connection's requests are answered in order.
namespace sim {

class ModbusTcpServer {
 public:
  // Listens on host:port at once and serves on a thread of its own until destroyed. Port 0
  // picks a free port; port() tells which. Throws std::runtime_error naming the address when it
  // cannot listen. `drives` and `faults` must outlive the server.
  ModbusTcpServer(RegisterServer& drives, LinkFaultInjector& faults, const std::string& host,
                  std::uint16_t port);
  ~ModbusTcpServer();
  ModbusTcpServer(const ModbusTcpServer&) = delete;
  ModbusTcpServer& operator=(const ModbusTcpServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return endpoint_.port(); }
  // The numeric address listened on, e.g. "127.0.0.1".
  [[nodiscard]] std::string host() const { return endpoint_.address().to_string(); }

 private:
  void accept_next();

  PduResponder responder_;
  LinkFaultInjector* faults_;
  RegisterServer* drives_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::thread thread_;
};

}  // namespace sim
