#include "docs/doc_text.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>
#include <string_view>

#include "support/source_tree.hpp"

namespace docs_test {
namespace {

bool is_path_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("_.$*@+~-").find(c) != std::string_view::npos;
}

// What may stand right before an absolute path.
bool opens_path(char c) {
  return std::string_view(" \t`'\"(=:[,|").find(c) != std::string_view::npos;
}

// The line with every URL blanked out, so that its path is not taken for one.
std::string without_urls(const std::string& line) {
  static const std::regex url(R"([A-Za-z][A-Za-z0-9+.-]*://[^\s)>`'"]*)");
  std::string out = line;
  for (auto it = std::sregex_iterator(line.begin(), line.end(), url); it != std::sregex_iterator();
       ++it) {
    std::fill_n(out.begin() + it->position(), it->length(), ' ');
  }
  return out;
}

// The path starting at `start` (a '/'): path characters, slashes, and brace groups
// ("massaged.{service,socket}"), without a sentence's closing full stop or colon.
std::string path_at(const std::string& line, std::size_t start) {
  std::size_t end = start;
  while (end < line.size()) {
    const char c = line[end];
    if (c == '{') {
      const auto close = line.find('}', end);
      if (close == std::string::npos) break;
      end = close + 1;
    } else if (c == '/' || is_path_char(c)) {
      ++end;
    } else {
      break;
    }
  }
  std::string path = line.substr(start, end - start);
  while (path.size() > 1 && (path.back() == '.' || path.back() == ':')) path.pop_back();
  return path;
}

template <class Visit>
void each_line(const Doc& doc, Visit visit) {
  std::istringstream lines(doc.text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) visit(line, ++number);
}

}  // namespace

std::vector<Doc> project_docs() {
  std::vector<std::filesystem::path> paths{"README.md"};
  std::vector<std::filesystem::path> docs;
  for (const auto& entry : std::filesystem::directory_iterator(test_support::kSourceDir / "docs")) {
    if (entry.path().extension() == ".md") docs.push_back("docs" / entry.path().filename());
  }
  std::sort(docs.begin(), docs.end());
  paths.insert(paths.end(), docs.begin(), docs.end());
  std::vector<Doc> out;
  for (const auto& path : paths) {
    out.push_back(Doc{path, test_support::read_text(test_support::kSourceDir / path)});
  }
  return out;
}

std::string describe(const Mention& mention) {
  return mention.doc.string() + ":" + std::to_string(mention.line) + ": " + mention.text;
}

std::vector<Mention> absolute_paths(const Doc& doc) {
  std::vector<Mention> out;
  each_line(doc, [&](const std::string& written, int number) {
    const auto line = without_urls(written);
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] != '/' || !is_path_char(line[i + 1])) continue;
      if (i > 0 && !opens_path(line[i - 1])) continue;
      out.push_back(Mention{path_at(line, i), doc.path, number});
    }
  });
  return out;
}

std::vector<Mention> relative_references(const Doc& doc) {
  static const std::regex link(R"(\]\(([^)\s]+)\))");
  static const std::regex climbing(R"((?:^|[\s`'"(=:])((?:\.\./)+[A-Za-z0-9_.{}/-]*))");
  std::vector<Mention> out;
  each_line(doc, [&](const std::string& written, int number) {
    for (auto it = std::sregex_iterator(written.begin(), written.end(), link);
         it != std::sregex_iterator(); ++it) {
      std::string target = (*it)[1].str();
      target = target.substr(0, target.find('#'));
      if (target.empty() || target.find("://") != std::string::npos ||
          target.rfind("mailto:", 0) == 0) {
        continue;
      }
      out.push_back(Mention{target, doc.path, number});
    }
    const auto line = without_urls(written);
    for (auto it = std::sregex_iterator(line.begin(), line.end(), climbing);
         it != std::sregex_iterator(); ++it) {
      const auto text = (*it)[1].str();
      const bool linked = std::any_of(out.begin(), out.end(), [&](const Mention& m) {
        return m.line == number && m.text == text;
      });
      if (!linked) out.push_back(Mention{text, doc.path, number});
    }
  });
  return out;
}

}  // namespace docs_test
