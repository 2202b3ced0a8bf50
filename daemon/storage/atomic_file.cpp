#include "daemon/storage/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <optional>
#include <system_error>
#include <utility>

namespace storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSuffix = ".partial";

std::string error_text(int error) { return std::generic_category().message(error); }

fs::path directory_of(const fs::path& target) {
  const auto parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// ".calibration.json." for "calibration.json": every temporary of the target starts so.
std::string temporary_prefix(const fs::path& target) {
  return "." + target.filename().string() + ".";
}

// ".<name>.<pid>.<sequence>.partial": the writer's pid tells a living writer's file from one
// left behind by a writer that was killed.
fs::path temporary_for(const fs::path& target) {
  static std::atomic<unsigned long> sequence{0};
  const auto n = sequence.fetch_add(1, std::memory_order_relaxed);
  return directory_of(target) / (temporary_prefix(target) + std::to_string(::getpid()) + "." +
                                 std::to_string(n) + std::string(kSuffix));
}

// The pid in a temporary file's name, when the name is one of `target`'s temporaries.
std::optional<pid_t> writer_of(const fs::path& target, const std::string& name) {
  const auto prefix = temporary_prefix(target);
  if (!name.starts_with(prefix) || !name.ends_with(kSuffix)) return std::nullopt;
  const char* first = name.data() + prefix.size();
  const char* last = name.data() + name.size() - kSuffix.size();
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(first, last, pid);
  if (error != std::errc() || end == first || end == last || *end != '.') return std::nullopt;
  return pid;
}

bool alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

// A writer killed between creating its temporary file and the rename leaves the file behind;
// the next writer of the same target clears it away. Files of living writers stay.
void remove_leftovers(const fs::path& target) {
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(directory_of(target), ignored)) {
    const auto pid = writer_of(target, entry.path().filename().string());
    if (pid && *pid != ::getpid() && !alive(*pid)) fs::remove(entry.path(), ignored);
  }
}

mode_t mode_of(fs::perms permissions) { return static_cast<mode_t>(permissions & fs::perms::mask); }

}  // namespace

result::Expected<PendingFile, std::string> PendingFile::create(fs::path target,
                                                               fs::perms permissions) {
  if (!target.has_filename()) {
    return result::unexpected("cannot write \"" + target.string() +
                              "\": the path names a directory, not a file");
  }
  remove_leftovers(target);
  auto temporary = temporary_for(target);
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_of(permissions));
  if (fd < 0) {
    const int error = errno;
    return result::unexpected("cannot create a file in " + directory_of(target).string() +
                              " to write " + target.string() + ": " + error_text(error) +
                              "; check that the directory exists and that the daemon may write "
                              "to it");
  }
  return PendingFile(std::move(target), std::move(temporary), fd);
}

PendingFile::PendingFile(fs::path target, fs::path temporary, int descriptor)
    : target_(std::move(target)), temporary_(std::move(temporary)), descriptor_(descriptor) {}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      descriptor_(std::exchange(other.descriptor_, -1)),
      committed_(std::exchange(other.committed_, true)) {}

PendingFile& PendingFile::operator=(PendingFile&& other) noexcept {
  if (this != &other) {
    discard();
    target_ = std::move(other.target_);
    temporary_ = std::move(other.temporary_);
    descriptor_ = std::exchange(other.descriptor_, -1);
    committed_ = std::exchange(other.committed_, true);
  }
  return *this;
}

PendingFile::~PendingFile() { discard(); }

void PendingFile::discard() noexcept {
  if (descriptor_ >= 0) ::close(descriptor_);
  descriptor_ = -1;
  if (!committed_ && !temporary_.empty()) {
    std::error_code ignored;
    fs::remove(temporary_, ignored);
  }
  committed_ = true;
}

result::Expected<void, std::string> PendingFile::write(std::string_view bytes) {
  if (descriptor_ < 0) {
    return result::unexpected("cannot write " + target_.string() + ": the file is already closed");
  }
  while (!bytes.empty()) {
    const auto written = ::write(descriptor_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      return result::unexpected("cannot write " + temporary_.string() + " (the new " +
                                target_.string() + "): " + error_text(error) +
                                "; check the free space of the file system");
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

result::Expected<void, std::string> PendingFile::sync() {
  if (descriptor_ < 0) {
    return result::unexpected("cannot flush " + target_.string() + ": the file is already closed");
  }
  if (::fsync(descriptor_) != 0) {
    const int error = errno;
    return result::unexpected("cannot flush " + temporary_.string() + " (the new " +
                              target_.string() + ") to the disk: " + error_text(error) +
                              "; the old contents stay; check the disk");
  }
  return {};
}

result::Expected<void, std::string> PendingFile::commit() {
  if (descriptor_ < 0) {
    return result::unexpected("cannot replace " + target_.string() +
                              ": the new contents were already committed or discarded");
  }
  const int fd = std::exchange(descriptor_, -1);
  if (::close(fd) != 0) {
    const int error = errno;
    return result::unexpected("cannot close " + temporary_.string() + " (the new " +
                              target_.string() + "): " + error_text(error) +
                              "; the old contents stay; check the disk");
  }
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    const int error = errno;
    return result::unexpected("cannot replace " + target_.string() + " with its new contents: " +
                              error_text(error) + "; the old contents stay");
  }
  committed_ = true;
  const auto directory = directory_of(target_);
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const int error = dir < 0 || ::fsync(dir) != 0 ? errno : 0;
  if (dir >= 0) ::close(dir);
  if (error != 0) {
    return result::unexpected(target_.string() + " has its new contents, but the directory " +
                              directory.string() + " could not be flushed to the disk (" +
                              error_text(error) +
                              "): a power loss now may bring the old contents back");
  }
  return {};
}

result::Expected<void, std::string> write_atomically(const fs::path& target,
                                                     std::string_view contents,
                                                     fs::perms permissions) {
  auto file = PendingFile::create(target, permissions);
  if (!file) return result::unexpected(file.error());
  if (auto written = file->write(contents); !written) return written;
  if (auto synced = file->sync(); !synced) return synced;
  return file->commit();
}

bool is_temporary_file(const fs::path& name) {
  const auto text = name.filename().string();
  return text.starts_with('.') && text.ends_with(kSuffix);
}

}  // namespace storage
