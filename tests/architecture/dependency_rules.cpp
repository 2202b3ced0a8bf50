#include "architecture/dependency_rules.hpp"

#include <sstream>
#include <stdexcept>

namespace architecture {
namespace {

std::vector<std::string> cells_of(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return cells;
}

std::vector<std::string> backticked(const std::string& cell) {
  std::vector<std::string> items;
  std::size_t open = cell.find('`');
  while (open != std::string::npos) {
    const std::size_t close = cell.find('`', open + 1);
    if (close == std::string::npos) break;
    items.push_back(cell.substr(open + 1, close - open - 1));
    open = cell.find('`', close + 1);
  }
  return items;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

bool is_separator(const std::string& row) { return row.find("---") != std::string::npos; }

// A folder ("hal/modbus/") covers every file under it; a file only itself.
bool covers(const std::string& place, const std::string& path) {
  if (!place.empty() && place.back() == '/') return path.rfind(place, 0) == 0;
  return path == place;
}

bool covered_by_any(const std::vector<std::string>& places, const std::string& path) {
  for (const auto& place : places) {
    if (covers(place, path)) return true;
  }
  return false;
}

}  // namespace

std::vector<DependencyRule> dependency_rules(const std::string& markdown) {
  std::istringstream in(markdown);
  std::string text;
  int line = 0;
  bool in_section = false;
  bool header_seen = false;
  std::vector<DependencyRule> rules;
  while (std::getline(in, text)) {
    ++line;
    if (text.rfind("## ", 0) == 0) {
      if (in_section) break;
      in_section = trimmed(text.substr(3)) == "Dependency rules";
      continue;
    }
    if (!in_section || text.rfind("|", 0) != 0) {
      if (in_section && !rules.empty() && text.empty()) break;
      continue;
    }
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    if (is_separator(text)) continue;
    const auto cells = cells_of(text);
    if (cells.size() < 4) {
      throw std::runtime_error("docs/architecture.md:" + std::to_string(line) +
                               ": a dependency rule has four columns: files under, may not "
                               "include, except files under, why");
    }
    DependencyRule rule{backticked(cells[0]), backticked(cells[1]), backticked(cells[2]),
                        trimmed(cells[3]), line};
    if (rule.files_under.empty() || rule.forbidden.empty()) {
      throw std::runtime_error("docs/architecture.md:" + std::to_string(line) +
                               ": a dependency rule names the files it binds and what they may "
                               "not include, each in backticks");
    }
    rules.push_back(std::move(rule));
  }
  if (rules.empty()) {
    throw std::runtime_error(
        "docs/architecture.md has no table of rules under "
        "\"## Dependency rules\"");
  }
  return rules;
}

std::vector<std::string> broken_rules(const std::vector<Include>& includes,
                                      const std::vector<DependencyRule>& rules) {
  std::vector<std::string> broken;
  for (const auto& include : includes) {
    const std::string file = include.file.generic_string();
    const std::string target = include.target.generic_string();
    for (const auto& rule : rules) {
      if (!covered_by_any(rule.files_under, file) || covered_by_any(rule.except, file)) continue;
      if (!covered_by_any(rule.forbidden, target)) continue;
      broken.push_back(file + ":" + std::to_string(include.line) + " includes " + target + " (\"" +
                       include.written + "\"): " + rule.why +
                       " (docs/architecture.md:" + std::to_string(rule.line) + ")");
    }
  }
  return broken;
}

}  // namespace architecture
