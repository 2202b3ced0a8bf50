#include "daemon/chairctl/program_files.hpp"

#include <nlohmann/json.hpp>

#include "daemon/chairctl/exit_code.hpp"
#include "daemon/chairctl/status_text.hpp"
#include "daemon/programs/duration_estimate.hpp"
#include "daemon/programs/program_checker.hpp"

namespace chairctl {

using nlohmann::json;

int check_program_files(const std::vector<std::filesystem::path>& files, bool as_json,
                        std::ostream& out) {
  const programs::ProgramChecker checker;
  bool all_valid = true;
  json verdicts = json::array();
  for (const auto& file : files) {
    const auto checked = checker.check_file(file);
    if (!checked) {
      all_valid = false;
      json errors = json::array();
      for (const auto& e : checked.error()) {
        errors.push_back(json{{"line", e.line},
                              {"column", e.column},
                              {"message", e.message},
                              {"text", e.to_string()}});
        if (!as_json) out << e.to_string() << '\n';
      }
      verdicts.push_back(json{{"file", file.string()}, {"valid", false}, {"errors", errors}});
      continue;
    }
    const auto& info = checked.value().info;
    const auto estimated = checker.estimated_duration(checked.value());
    verdicts.push_back(json{{"file", file.string()},
                            {"valid", true},
                            {"id", info.id},
                            {"name", info.name},
                            {"intended_minutes", info.intended_duration.count()},
                            {"estimated_s", estimated.count() / 1000}});
    if (!as_json) {
      out << file.string() << ": valid: \"" << info.name << "\" (" << info.id << "), meant for "
          << info.intended_duration.count() << " min, at most " << programs::to_string(estimated)
          << " on the largest body\n";
    }
  }
  if (as_json) out << verdicts.dump() << '\n';
  return all_valid ? kSuccess : kProgramInvalid;
}

}  // namespace chairctl
