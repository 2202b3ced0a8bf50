#pragma once

#include <string>
#include <vector>

#include "architecture/include_graph.hpp"

// The project's dependency rules, as docs/architecture.md states them in its table "Dependency
// rules", and the includes that break them. The table is the one statement of the rules: the
// test reads it, so that the map and the check cannot drift apart.
namespace architecture {

struct DependencyRule {
  std::vector<std::string> files_under;  // "daemon/programs/", "daemon/session/"
  std::vector<std::string> forbidden;    // a folder ("hal/modbus/") or a file
  std::vector<std::string> except;       // files under these keep no such rule
  std::string why;
  int line = 0;  // the table row's line in the document
};

// The rows of the table under the heading "## Dependency rules" in `markdown`: columns "files
// under", "may not include", "except files under", "why", each path in backticks. Throws
// std::runtime_error naming the line when a row has no files or nothing forbidden, or when there
// is no such table.
std::vector<DependencyRule> dependency_rules(const std::string& markdown);

// One line for each include that breaks a rule: "daemon/api/chair_api.hpp:25 includes
// hal/modbus/chair_drives.hpp (\"modbus/chair_drives.hpp\"): <why> (docs/architecture.md:40)".
std::vector<std::string> broken_rules(const std::vector<Include>& includes,
                                      const std::vector<DependencyRule>& rules);

}  // namespace architecture
