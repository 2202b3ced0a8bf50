#pragma once

#include <cerrno>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include <modbus/modbus.h>

// libmodbus as the master in transport tests: the same library the daemon's HAL uses, so a
// test passing here means the HAL can talk to the simulator.
namespace sim::testing {

struct ModbusContextDeleter {
  void operator()(modbus_t* ctx) const {
    modbus_close(ctx);
    modbus_free(ctx);
  }
};
using ModbusContext = std::unique_ptr<modbus_t, ModbusContextDeleter>;

inline void set_response_timeout(modbus_t* ctx, std::chrono::microseconds timeout) {
  modbus_set_response_timeout(ctx, static_cast<std::uint32_t>(timeout.count() / 1'000'000),
                              static_cast<std::uint32_t>(timeout.count() % 1'000'000));
}

// After a test has waited a short time for silence: the next request is to be answered at all,
// however busy the machine (a simulator thread may be late by more than the short wait), and
// nothing late of what came before may be taken for its answer.
inline void expect_answers_again(modbus_t* ctx) {
  set_response_timeout(ctx, std::chrono::seconds{2});
  modbus_flush(ctx);
}

inline ModbusContext connect_tcp(const std::string& host, int port, int unit) {
  ModbusContext ctx(modbus_new_tcp(host.c_str(), port));
  if (!ctx) throw std::runtime_error("modbus_new_tcp failed");
  modbus_set_slave(ctx.get(), unit);
  set_response_timeout(ctx.get(), std::chrono::milliseconds{500});
  if (modbus_connect(ctx.get()) != 0) {
    throw std::runtime_error("cannot connect to " + host + ":" + std::to_string(port) + ": " +
                             modbus_strerror(errno));
  }
  return ctx;
}

inline ModbusContext connect_rtu(const std::string& device, int baud, char parity, int unit) {
  ModbusContext ctx(modbus_new_rtu(device.c_str(), baud, parity, 8, 1));
  if (!ctx) throw std::runtime_error("modbus_new_rtu failed for " + device);
  modbus_set_slave(ctx.get(), unit);
  set_response_timeout(ctx.get(), std::chrono::milliseconds{500});
  if (modbus_connect(ctx.get()) != 0) {
    throw std::runtime_error("cannot open " + device + ": " + modbus_strerror(errno));
  }
  // A pty is no serial port: ENOTTY from the RS-232/485 mode switch is harmless.
  if (modbus_rtu_set_serial_mode(ctx.get(), MODBUS_RTU_RS232) != 0 && errno != ENOTTY) {
    throw std::runtime_error("cannot set serial mode on " + device + ": " + modbus_strerror(errno));
  }
  return ctx;
}

}  // namespace sim::testing
