#pragma once

#include <filesystem>

#include "sim/server/file_descriptor.hpp"

namespace sim {

// A pseudo-terminal standing in for a serial port: the simulator keeps the master side, a
// Modbus master opens the slave side (/dev/pts/N) as it would /dev/ttyS1. The slave is put in
// raw mode, and the simulator holds it open too, so that the master side neither reports a
// hang-up between two clients nor loses the raw settings.
class PseudoTerminal {
 public:
  // Throws std::system_error naming the step that failed (posix_openpt, grantpt, ...).
  PseudoTerminal();

  // Non-blocking, for poll(), read() and write().
  [[nodiscard]] int master() const { return master_.get(); }
  [[nodiscard]] const std::filesystem::path& slave_path() const { return slave_path_; }

 private:
  FileDescriptor master_;
  FileDescriptor slave_;
  std::filesystem::path slave_path_;
};

}  // namespace sim
