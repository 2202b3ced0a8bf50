#pragma once

#include <filesystem>
#include <string>
#include <vector>

// The project's docs as text a test can search: which files are docs, and the paths written in
// them, each with the file and line it is on.
namespace docs_test {

struct Doc {
  std::filesystem::path path;  // from the repository's root: "docs/api.md", "README.md"
  std::string text;
};

// README.md and every docs/*.md, in a fixed order.
std::vector<Doc> project_docs();

// A path as written in a doc, and where.
struct Mention {
  std::string text;
  std::filesystem::path doc;
  int line = 0;
};

// "docs/api.md:26: /work/main/programs".
std::string describe(const Mention& mention);

// Every absolute path written in `text`, in code blocks and prose alike: after a space, a quote,
// a backtick, a bracket, "=" or ":" ("UNIX-CONNECT:/run/..."). A URL's path is not one, nor is
// what follows a word or a placeholder ("mm/s", "<state>/people").
std::vector<Mention> absolute_paths(const Doc& doc);

// Every reference to another file of the repository by a relative path: a Markdown link's
// target (not a URL, not an anchor) and any path that climbs with "../".
std::vector<Mention> relative_references(const Doc& doc);

}  // namespace docs_test
