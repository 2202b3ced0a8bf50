#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/programs/program.hpp"
#include "daemon/programs/program_checker.hpp"
#include "daemon/programs/program_limits.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "result/expected.hpp"

// The programs a session may run: those that ship with the daemon (read-only, in the programs
// directory) and those a chair maker installed (in the state directory's programs/). Every file
// passes the program checker before it is listed; one that does not is kept aside with its
// errors, so that an OEM sees why. Installs are checked the same way and written atomically
// and durably (daemon/storage), so that they survive a power loss whole or not at all.
// Main loop only.
namespace massaged {

enum class ProgramOrigin { shipped, installed };

[[nodiscard]] std::string_view to_string(ProgramOrigin origin);

struct CatalogEntry {
  programs::Program program;
  ProgramOrigin origin = ProgramOrigin::shipped;
  std::filesystem::path file;
  std::chrono::milliseconds estimated{0};  // on the largest body the chair fits
};

// A file in one of the directories that is not a program the daemon will run.
struct RejectedProgramFile {
  std::filesystem::path file;
  ProgramOrigin origin = ProgramOrigin::shipped;
  programs::ProgramErrors errors;
};

// Why an install or a removal did not happen.
struct CatalogRefusal {
  enum class Kind { invalid_program, read_only, not_found, storage_failed } kind;
  std::string id;                  // the program's, when known
  std::string message;             // what, where, what to do
  programs::ProgramErrors errors;  // for invalid_program
};

struct InstalledProgram {
  std::string id;
  std::filesystem::path file;
  bool replaced = false;  // an installed program of that id was there before
};

// The limits a program must keep on this chair, from the daemon's [safety] configuration.
[[nodiscard]] programs::ProgramLimits program_limits(const safety::SafetyLimits& limits);

class ProgramCatalog {
 public:
  ProgramCatalog(std::filesystem::path shipped, std::filesystem::path installed,
                 programs::ProgramChecker checker);

  // Reads both directories again. A missing directory holds no programs.
  void load();

  // Sorted by id.
  [[nodiscard]] const std::vector<CatalogEntry>& entries() const { return entries_; }
  [[nodiscard]] const std::vector<RejectedProgramFile>& rejected() const { return rejected_; }
  [[nodiscard]] const CatalogEntry* find(std::string_view id) const;

  // Checks a program's text as the chair would before running it; `name` stands for the file.
  [[nodiscard]] programs::CheckedProgram check(std::string_view text,
                                               const std::string& name) const;
  [[nodiscard]] std::chrono::milliseconds estimated_duration(
      const programs::Program& program) const;

  // Checks and installs a program as <installed>/<id>.toml, replacing an installed one of the
  // same id; `name` stands for its file in the errors. A shipped program's id is refused.
  result::Expected<InstalledProgram, CatalogRefusal> install(std::string_view text,
                                                             const std::string& name);
  // Removes an installed program, durably. Shipped programs cannot be removed.
  result::Expected<void, CatalogRefusal> remove(std::string_view id);

  [[nodiscard]] const std::filesystem::path& shipped_directory() const { return shipped_; }
  [[nodiscard]] const std::filesystem::path& installed_directory() const { return installed_; }

 private:
  void load_directory(const std::filesystem::path& directory, ProgramOrigin origin);

  std::filesystem::path shipped_;
  std::filesystem::path installed_;
  programs::ProgramChecker checker_;
  std::vector<CatalogEntry> entries_;
  std::vector<RejectedProgramFile> rejected_;
};

}  // namespace massaged
