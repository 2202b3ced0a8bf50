#include "architecture/include_graph.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>

namespace architecture {
namespace {

namespace fs = std::filesystem;

bool is_source(const fs::path& path) {
  const auto ext = path.extension();
  return ext == ".cpp" || ext == ".hpp" || ext == ".h";
}

std::vector<fs::path> sources_under(const fs::path& root, const std::vector<fs::path>& folders) {
  std::vector<fs::path> files;
  for (const auto& folder : folders) {
    if (!fs::is_directory(root / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      if (entry.is_regular_file() && is_source(entry.path())) {
        files.push_back(entry.path().lexically_relative(root));
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<fs::path> resolve(const fs::path& root, const fs::path& including,
                                const std::string& written,
                                const std::vector<fs::path>& include_dirs) {
  std::vector<fs::path> candidates{including.parent_path() / written};
  for (const auto& dir : include_dirs) candidates.push_back(dir / written);
  for (const auto& candidate : candidates) {
    if (fs::is_regular_file(root / candidate)) return candidate.lexically_normal();
  }
  return std::nullopt;
}

}  // namespace

std::vector<Include> includes_in(const fs::path& root, const std::vector<fs::path>& folders,
                                 const std::vector<fs::path>& include_dirs) {
  static const std::regex kQuotedInclude(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<Include> found;
  for (const auto& file : sources_under(root, folders)) {
    std::ifstream in(root / file);
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
      std::smatch match;
      if (!std::regex_search(text, match, kQuotedInclude)) continue;
      const auto target = resolve(root, file, match[1].str(), include_dirs);
      if (target) found.push_back({file, line, match[1].str(), *target});
    }
  }
  return found;
}

}  // namespace architecture
