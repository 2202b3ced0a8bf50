#include "daemon/api/program_catalog.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "daemon/storage/atomic_file.hpp"

namespace massaged {
namespace {

namespace fs = std::filesystem;

std::string errno_text(int error) { return std::strerror(error); }

// A removal survives a power loss once the directory that held the name is flushed.
std::optional<std::string> sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return "cannot open " + directory.string() + ": " + errno_text(errno);
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0) return "cannot flush " + directory.string() + ": " + errno_text(error);
  return std::nullopt;
}

std::optional<std::string> make_directory(const fs::path& directory) {
  std::error_code error;
  if (fs::is_directory(directory, error)) return std::nullopt;
  if (::mkdir(directory.c_str(), 0755) != 0 && errno != EEXIST) {
    return "cannot create " + directory.string() + ": " + errno_text(errno) +
           "; check that the state directory exists and the daemon may write to it";
  }
  return sync_directory(directory.parent_path());
}

}  // namespace

std::string_view to_string(ProgramOrigin origin) {
  return origin == ProgramOrigin::shipped ? "shipped" : "installed";
}

programs::ProgramLimits program_limits(const safety::SafetyLimits& limits) {
  programs::ProgramLimits out;
  out.midline_distance = limits.midline_clearance;
  out.longest_hold = std::chrono::duration_cast<std::chrono::seconds>(limits.max_hold);
  out.session_limit = limits.session_max;
  return out;
}

ProgramCatalog::ProgramCatalog(fs::path shipped, fs::path installed,
                               programs::ProgramChecker checker)
    : shipped_(std::move(shipped)),
      installed_(std::move(installed)),
      checker_(std::move(checker)) {}

void ProgramCatalog::load() {
  entries_.clear();
  rejected_.clear();
  load_directory(shipped_, ProgramOrigin::shipped);
  load_directory(installed_, ProgramOrigin::installed);
  std::sort(entries_.begin(), entries_.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
    return a.program.info.id < b.program.info.id;
  });
  spdlog::info(
      "programs: {} ready ({} shipped in {}, installed in {}), {} refused", entries_.size(),
      std::count_if(entries_.begin(), entries_.end(),
                    [](const CatalogEntry& e) { return e.origin == ProgramOrigin::shipped; }),
      shipped_.string(), installed_.string(), rejected_.size());
}

void ProgramCatalog::load_directory(const fs::path& directory, ProgramOrigin origin) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) return;
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(directory, error)) {
    const auto& path = item.path();
    if (path.extension() != ".toml" || storage::is_temporary_file(path.filename())) continue;
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto checked = checker_.check_file(file);
    if (!checked) {
      for (const auto& e : checked.error()) spdlog::warn("program refused: {}", e.to_string());
      rejected_.push_back({file, origin, checked.error()});
      continue;
    }
    const auto& id = checked.value().info.id;
    if (const auto* other = find(id)) {
      const std::string message = "id \"" + id + "\" is already used by " + other->file.string() +
                                  "; give this program another id";
      spdlog::warn("program refused: {}: {}", file.string(), message);
      rejected_.push_back({file, origin, {{file.string(), 0, 0, message}}});
      continue;
    }
    const auto estimated = checker_.estimated_duration(checked.value());
    entries_.push_back({std::move(checked).value(), origin, file, estimated});
  }
}

const CatalogEntry* ProgramCatalog::find(std::string_view id) const {
  for (const auto& entry : entries_) {
    if (entry.program.info.id == id) return &entry;
  }
  return nullptr;
}

programs::CheckedProgram ProgramCatalog::check(std::string_view text,
                                               const std::string& name) const {
  return checker_.check_text(text, name);
}

std::chrono::milliseconds ProgramCatalog::estimated_duration(
    const programs::Program& program) const {
  return checker_.estimated_duration(program);
}

result::Expected<InstalledProgram, CatalogRefusal> ProgramCatalog::install(
    std::string_view text, const std::string& name) {
  auto checked = checker_.check_text(text, name);
  if (!checked) {
    return result::unexpected(CatalogRefusal{
        CatalogRefusal::Kind::invalid_program, "",
        "the program has " + std::to_string(checked.error().size()) +
            " error(s); nothing was installed: fix them (chairctl programs check FILE) and "
            "install again",
        checked.error()});
  }
  const auto id = checked.value().info.id;
  const auto* existing = find(id);
  if (existing && existing->origin == ProgramOrigin::shipped) {
    return result::unexpected(CatalogRefusal{
        CatalogRefusal::Kind::read_only,
        id,
        "\"" + id + "\" is a program that ships with the daemon (" + existing->file.string() +
            ") and cannot be replaced; give yours another id",
        {}});
  }
  if (auto problem = make_directory(installed_)) {
    spdlog::error("programs: cannot install {}: {}", id, *problem);
    return result::unexpected(
        CatalogRefusal{CatalogRefusal::Kind::storage_failed, id, *problem, {}});
  }
  const auto target = installed_ / (id + ".toml");
  if (auto written = storage::write_atomically(target, text); !written) {
    spdlog::error("programs: cannot install {}: {}", id, written.error());
    return result::unexpected(
        CatalogRefusal{CatalogRefusal::Kind::storage_failed, id, written.error(), {}});
  }
  const bool replaced = existing != nullptr;
  // An installed program of that id in a file of another name is replaced too.
  if (existing && existing->file != target) {
    std::error_code ignored;
    fs::remove(existing->file, ignored);
  }
  spdlog::info("programs: {} {} as {}", replaced ? "replaced" : "installed", id, target.string());
  load();
  return InstalledProgram{id, target, replaced};
}

result::Expected<void, CatalogRefusal> ProgramCatalog::remove(std::string_view id) {
  const auto* entry = find(id);
  if (!entry) {
    return result::unexpected(CatalogRefusal{
        CatalogRefusal::Kind::not_found,
        std::string(id),
        "there is no program \"" + std::string(id) + "\"; programs.list shows those there are",
        {}});
  }
  if (entry->origin == ProgramOrigin::shipped) {
    return result::unexpected(CatalogRefusal{
        CatalogRefusal::Kind::read_only,
        std::string(id),
        "\"" + std::string(id) + "\" ships with the daemon (" + entry->file.string() +
            ") and cannot be removed; only installed programs can",
        {}});
  }
  const auto file = entry->file;
  if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
    const std::string message = "cannot remove " + file.string() + ": " + errno_text(errno) +
                                "; check the state directory's permissions";
    spdlog::error("programs: {}", message);
    return result::unexpected(
        CatalogRefusal{CatalogRefusal::Kind::storage_failed, std::string(id), message, {}});
  }
  if (auto problem = sync_directory(file.parent_path())) {
    spdlog::error("programs: removed {}, but {}", file.string(), *problem);
  }
  spdlog::info("programs: removed {} ({})", id, file.string());
  load();
  return {};
}

}  // namespace massaged
