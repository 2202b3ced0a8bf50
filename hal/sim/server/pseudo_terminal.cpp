#include "sim/server/pseudo_terminal.hpp"

#include <fcntl.h>
#include <stdlib.h>  // posix_openpt, grantpt, unlockpt, ptsname_r
#include <termios.h>

#include <array>
#include <cerrno>
#include <string>
#include <system_error>

namespace sim {
namespace {

[[noreturn]] void fail(const std::string& step) {
  throw std::system_error(
      errno, std::generic_category(),
      "cannot create the pseudo-terminal for the simulated serial line: " + step);
}

}  // namespace

PseudoTerminal::PseudoTerminal() : master_(::posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK)) {
  if (!master_.valid()) fail("posix_openpt");
  if (::grantpt(master_.get()) != 0) fail("grantpt");
  if (::unlockpt(master_.get()) != 0) fail("unlockpt");
  std::array<char, 128> name{};
  if (::ptsname_r(master_.get(), name.data(), name.size()) != 0) fail("ptsname_r");
  slave_path_ = name.data();

  slave_ = FileDescriptor(::open(name.data(), O_RDWR | O_NOCTTY));
  if (!slave_.valid()) fail("open " + slave_path_.string());
  termios raw{};
  if (::tcgetattr(slave_.get(), &raw) != 0) fail("tcgetattr");
  ::cfmakeraw(&raw);
  if (::tcsetattr(slave_.get(), TCSANOW, &raw) != 0) fail("tcsetattr");
}

}  // namespace sim
