#include "daemon/calibration/state_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace calibration {
namespace {

// State files are small; anything larger is not one of ours.
constexpr std::uintmax_t kLargestFileBytes = 64 * 1024;

std::string failure(std::string_view what, const std::filesystem::path& path, int error) {
  return "cannot " + std::string(what) + " " + path.string() + ": " + std::strerror(error) +
         "; check that the state directory exists, is writable by the daemon and the disk is "
         "not full";
}

// Closes a descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool open() const { return fd_ >= 0; }

 private:
  int fd_;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::filesystem::path DiskStateFiles::partial_of(const std::filesystem::path& path) {
  auto partial = path;
  partial += ".partial";
  return partial;
}

result::Expected<std::optional<std::string>, std::string> DiskStateFiles::read(
    const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return std::optional<std::string>{};
  if (ec) return result::unexpected(failure("inspect", path, ec.value()));
  if (!std::filesystem::is_regular_file(status)) {
    return result::unexpected(path.string() + " is not a regular file; remove it");
  }
  if (std::filesystem::file_size(path, ec) > kLargestFileBytes) {
    return result::unexpected(path.string() + " is larger than " +
                              std::to_string(kLargestFileBytes) +
                              " bytes, so it is no calibration file; remove it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return result::unexpected(failure("open", path, errno));
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return result::unexpected(failure("read", path, errno));
  return std::optional<std::string>(std::move(contents));
}

result::Expected<void, std::string> DiskStateFiles::replace(const std::filesystem::path& path,
                                                            std::string_view contents) {
  // The state directory of a daemon run by hand (not by systemd, which makes it) may not exist
  // before its first stored file.
  std::error_code made;
  std::filesystem::create_directories(path.parent_path(), made);
  if (made) return result::unexpected(failure("create", path.parent_path(), made.value()));
  const auto partial = partial_of(path);
  {
    const Descriptor fd(::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.open()) return result::unexpected(failure("create", partial, errno));
    if (!write_all(fd.get(), contents)) return result::unexpected(failure("write", partial, errno));
    if (::fsync(fd.get()) != 0) return result::unexpected(failure("flush", partial, errno));
  }
  if (::rename(partial.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(partial.c_str());
    return result::unexpected(failure("rename onto", path, error));
  }
  const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const Descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir.open() || ::fsync(dir.get()) != 0) {
    return result::unexpected(failure("flush the directory of", path, errno));
  }
  return {};
}

}  // namespace calibration
