#include "sim/server/device_link.hpp"

#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace sim {

namespace fs = std::filesystem;

DeviceLink::DeviceLink(fs::path link, fs::path target)
    : link_(std::move(link)), target_(std::move(target)) {
  std::error_code error;
  const auto status = fs::symlink_status(link_, error);
  if (fs::exists(status) && !fs::is_symlink(status)) {
    throw std::runtime_error("cannot create the serial device link " + link_.string() +
                             ": a file that is not a symbolic link is in the way; remove it or "
                             "choose another path");
  }
  // Made under a temporary name, then renamed over the old link: no moment without a link.
  const fs::path temporary = link_.string() + ".new." + std::to_string(::getpid());
  fs::remove(temporary, error);
  fs::create_symlink(target_, temporary, error);
  if (!error) fs::rename(temporary, link_, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot create the serial device link " + link_.string() + " -> " +
                             target_.string() + ": " + error.message() +
                             "; check that the directory exists and is writable");
  }
}

DeviceLink::~DeviceLink() {
  std::error_code error;
  if (fs::is_symlink(fs::symlink_status(link_, error)) &&
      fs::read_symlink(link_, error) == target_) {
    fs::remove(link_, error);
  }
}

}  // namespace sim
