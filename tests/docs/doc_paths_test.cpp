// Every absolute path in README.md and docs/*.md, in examples and prose alike, is one an
// installed board has: a chair maker copies them. And no doc sends its reader outside the
// repository: what a doc relies on is in the repository, or stated in the doc itself.

#include <array>
#include <string_view>

#include <gtest/gtest.h>

#include "docs/doc_text.hpp"
#include "support/source_tree.hpp"

namespace doc_paths_test {

using docs_test::Doc;
using docs_test::Mention;

// Where an installed board keeps what the docs speak of, and why a doc may name each.
struct Place {
  std::string_view path;
  std::string_view why;
};

constexpr std::array kBoardPlaces = {
    Place{"/usr/sbin", "the daemon (CMake's install, as scripts/install runs it)"},
    Place{"/usr/bin", "chairctl and chair-sim"},
    Place{"/usr/share/massaged", "the programs that ship and the configuration examples"},
    Place{"/usr/lib/systemd/system", "the units"},
    Place{"/etc/massaged", "the configuration"},
    Place{"/etc/systemd/system/massaged.service.d", "the drop-in scripts/install adds for TCP"},
    Place{"/var/lib/massaged", "the state directory"},
    Place{"/run/massaged", "the runtime directory: the API socket"},
    Place{"/dev/tty", "the drives' serial lines (/dev/ttyS1, /dev/ttyUSB0)"},
    Place{"/proc", "the kernel's view of the running daemon"},
};

bool on_a_board(std::string_view path) {
  for (const auto& place : kBoardPlaces) {
    if (path.rfind(place.path, 0) != 0) continue;
    const auto rest = path.substr(place.path.size());
    // "/dev/tty" names a family of devices; the others are directories.
    if (rest.empty() || rest.front() == '/' || place.path == "/dev/tty") return true;
  }
  return false;
}

std::string places() {
  std::string out;
  for (const auto& place : kBoardPlaces) out += std::string("\n  ") + std::string(place.path);
  return out;
}

std::vector<std::string> paths_in(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& mention : docs_test::absolute_paths(Doc{"x.md", text})) {
    out.push_back(mention.text);
  }
  return out;
}

TEST(DocPaths, PathsAreFoundInProseCodeAndMessagesButNotInUrlsOrUnits) {
  using Paths = std::vector<std::string>;
  EXPECT_EQ(paths_in("kept in `/var/lib/massaged/`, see /tmp/x."),
            (Paths{"/var/lib/massaged/", "/tmp/x"}));
  EXPECT_EQ(paths_in("socat - UNIX-CONNECT:/run/massaged/api.sock"),
            Paths{"/run/massaged/api.sock"});
  EXPECT_EQ(paths_in(R"({"file":"/work/main/programs/a.toml","id":"a"})"),
            Paths{"/work/main/programs/a.toml"});
  EXPECT_EQ(paths_in("ships with the daemon (/home/x/programs/a.toml) and"),
            Paths{"/home/x/programs/a.toml"});
  EXPECT_EQ(paths_in("| `/lib/systemd/system/massaged.{service,socket}` | the units |"),
            Paths{"/lib/systemd/system/massaged.{service,socket}"});
  EXPECT_EQ(paths_in("/etc/massaged/chair.toml:14:8: bus[0].rtu.baud"),
            Paths{"/etc/massaged/chair.toml"});
  EXPECT_EQ(paths_in("<https://www.jsonrpc.org/specification> at 40 mm/s, `<state>/people/`, "
                     "1 / 2, // a comment, `.../daemon/`"),
            Paths{});
}

TEST(DocPaths, ReferencesToOtherFilesAreFoundAsLinksAndAsClimbingPaths) {
  const Doc doc{"docs/x.md",
                "see `../shared/domain.md` for sources, [the API](api.md#limits) and\n"
                "[the reference](https://www.jsonrpc.org/specification), or (../README.md)\n"};
  std::vector<std::string> found;
  for (const auto& mention : docs_test::relative_references(doc)) found.push_back(mention.text);
  EXPECT_EQ(found, (std::vector<std::string>{"api.md", "../shared/domain.md", "../README.md"}));
}

TEST(DocPaths, TheBoardPlacesAreTold) {
  EXPECT_TRUE(on_a_board("/run/massaged/api.sock"));
  EXPECT_TRUE(on_a_board("/dev/ttyS1"));
  EXPECT_TRUE(on_a_board("/var/lib/massaged"));
  EXPECT_FALSE(on_a_board("/var/lib/massaged-old/x"));
  EXPECT_FALSE(on_a_board("/usr/share/massage"));
  EXPECT_FALSE(on_a_board("/tmp/api-doc-run/state"));
  EXPECT_FALSE(on_a_board("/lib/systemd/system/massaged.service"));
  for (const auto& place : kBoardPlaces) EXPECT_FALSE(place.why.empty()) << place.path;
}

TEST(DocPaths, EveryAbsolutePathInTheDocsIsOneAnInstalledBoardHas) {
  for (const auto& doc : docs_test::project_docs()) {
    ASSERT_FALSE(doc.text.empty()) << "cannot read " << doc.path;
    for (const auto& mention : docs_test::absolute_paths(doc)) {
      EXPECT_TRUE(on_a_board(mention.text))
          << docs_test::describe(mention)
          << "\nis not where an installed board keeps anything; show the board's path, or a "
             "path relative to the repository for work in a clone. A board has:"
          << places();
    }
  }
}

TEST(DocPaths, NoDocSendsItsReaderOutsideTheRepository) {
  const auto root = std::filesystem::weakly_canonical(test_support::kSourceDir);
  for (const auto& doc : docs_test::project_docs()) {
    for (const auto& mention : docs_test::relative_references(doc)) {
      const auto target =
          std::filesystem::weakly_canonical(root / doc.path.parent_path() / mention.text);
      const auto inside = target.lexically_relative(root);
      const bool in_repository = !inside.empty() && *inside.begin() != "..";
      EXPECT_TRUE(in_repository)
          << docs_test::describe(mention)
          << "\nlies outside the repository, where a reader of the docs has nothing; state what "
             "it says in the doc, with its sources";
      if (in_repository && mention.text.find('{') == std::string::npos) {
        EXPECT_TRUE(std::filesystem::exists(target))
            << docs_test::describe(mention) << "\nnames nothing in the repository";
      }
    }
  }
}

}  // namespace doc_paths_test
