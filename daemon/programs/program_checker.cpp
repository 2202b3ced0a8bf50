#include "daemon/programs/program_checker.hpp"

#include <fstream>

#include "daemon/programs/program_rules.hpp"
#include "daemon/programs/program_table.hpp"
#include "daemon/programs/step_reader.hpp"

namespace programs {
namespace {

constexpr std::string_view kTopLevelKeys[] = {
    "format", "id", "name", "description", "author", "duration_minutes", "step"};

// Lowercase letters and digits in words joined by single dashes.
bool is_program_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char previous = 0;
  for (const char c : id) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && !(c == '-' && previous != '-')) return false;
    previous = c;
  }
  return true;
}

// Reads on only when the file is in a format this daemon knows; otherwise every other key
// would be judged by the wrong rules.
bool format_is_known(const ProgramTable& root) {
  if (!root.has("format")) {
    root.fail("format", "required key is missing from the top level; write format = " +
                            std::to_string(kFormatVersion));
    return true;
  }
  const auto format = root.integer("format", 1, 1000);
  if (format && *format != kFormatVersion) {
    root.fail("format", std::to_string(*format) + " is not a format this daemon reads; it reads " +
                            "format " + std::to_string(kFormatVersion));
    return false;
  }
  return true;
}

std::optional<ProgramInfo> read_info(const ProgramTable& root, const ProgramLimits& limits) {
  auto id = root.string("id", 1, 64);
  if (id && !is_program_id(*id)) {
    root.fail("id", ProgramTable::quoted(*id) +
                        " is not a program id; use lowercase letters and digits in words "
                        "joined by single dashes, as \"neck-and-shoulders\"");
    id.reset();
  }
  const auto name = root.string("name", 1, 80);
  const auto description = root.string("description", 1, 2000);
  const auto author = root.string("author", 1, 200);
  const auto minutes = root.integer("duration_minutes", 1, limits.session_limit.count());
  if (!id || !name || !description || !author || !minutes) return std::nullopt;
  return ProgramInfo{.id = *id,
                     .name = *name,
                     .description = *description,
                     .author = *author,
                     .format = kFormatVersion,
                     .intended_duration = std::chrono::minutes(*minutes)};
}

}  // namespace

ProgramChecker::ProgramChecker(ProgramLimits limits, DurationModel durations)
    : limits_(limits), durations_(durations) {}

CheckedProgram ProgramChecker::check_file(const std::filesystem::path& path) const {
  const auto whole_file = [&](std::string message) {
    return result::unexpected(ProgramErrors{{path.string(), 0, 0, std::move(message)}});
  };
  std::error_code error;
  if (std::filesystem::exists(path, error) && !std::filesystem::is_regular_file(path, error)) {
    return whole_file("is not a regular file; give the path of a program's .toml file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return whole_file("cannot open the file for reading; check the path and permissions");
  // One byte more than a program may have is enough to refuse an oversized file unread.
  std::string text(kLargestProgramFile + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return whole_file("cannot read the file; check the disk and permissions");
  text.resize(static_cast<std::size_t>(in.gcount()));
  return check_text(text, path.string());
}

CheckedProgram ProgramChecker::check_text(std::string_view text,
                                          const std::string& source_name) const {
  ErrorLog log(source_name);
  if (text.size() > kLargestProgramFile) {
    log.add("is larger than the " + std::to_string(kLargestProgramFile) +
            " bytes a program file may have; split it into smaller programs");
    return result::unexpected(log.sorted());
  }
  toml::table document;
  try {
    document = toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    log.add(e.source().begin, "not valid TOML: " + std::string(e.description()));
    return result::unexpected(log.sorted());
  }

  const ProgramTable root(document, "", log);
  if (!format_is_known(root)) return result::unexpected(log.sorted());
  const auto info = read_info(root, limits_);
  StepReader reader(limits_);
  Program program{.info = info.value_or(ProgramInfo{}), .steps = reader.read_steps(root)};
  root.reject_unknown_keys(kTopLevelKeys);

  // Judged on the steps that could be read: the full program takes at least as long.
  if (const auto breach = session_breach(estimated_duration(program), limits_)) {
    root.fail_here(*breach);
  }
  if (!log.empty() || !info) return result::unexpected(log.sorted());
  return program;
}

std::chrono::milliseconds ProgramChecker::estimated_duration(const Program& program) const {
  return programs::estimated_duration(program, durations_);
}

}  // namespace programs
