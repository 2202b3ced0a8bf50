// docs/api.md against the daemon: the methods registered as massaged registers them (server.info,
// then the ChairApi with the chair attached, here with its drives so that the technician's
// drive diagnostics are there too) and the topics it publishes must be exactly those the
// reference documents, each with the role the daemon asks for. A method added without its
// "### method.name" section, a section left behind for a method that is gone, or a role changed
// on one side only fails here. Nor may any doc say that a method the daemon serves is missing
// from it ("not in this version"), or show an example where it is not found.

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "daemon/api/chair_api.hpp"
#include "daemon/api/methods/server_info.hpp"
#include "daemon/api/topics/chair_feed.hpp"
#include "support/source_tree.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/calibration/stored_calibration_for_tests.hpp"
#include "tests/daemon/control/chair_rig.hpp"

namespace api_doc_test {

const std::filesystem::path kApiDoc = test_support::kSourceDir / "docs" / "api.md";

// One "### ..." section of the reference: its heading's name and the text up to the next
// heading of level 2 or 3.
struct DocSection {
  std::string name;
  std::string text;
};

std::string doc_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string api_doc_text() { return doc_text(kApiDoc); }

// README.md and every docs/*.md.
std::vector<std::filesystem::path> project_docs() {
  std::vector<std::filesystem::path> out{test_support::kSourceDir / "README.md"};
  for (const auto& entry : std::filesystem::directory_iterator(test_support::kSourceDir / "docs")) {
    if (entry.path().extension() == ".md") out.push_back(entry.path());
  }
  return out;
}

// Paragraphs: text between blank lines.
std::vector<std::string> paragraphs(const std::string& doc) {
  std::vector<std::string> out(1);
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!out.back().empty()) out.emplace_back();
    } else {
      out.back() += line + "\n";
    }
  }
  return out;
}

// Words that say a method is missing from the daemon.
constexpr std::array<std::string_view, 7> kSaysMissing = {
    "not in this version", "this version does not", "not available", "does not offer them",
    "does not offer it",   "is not offered",        "only offered"};

std::string_view says_missing(const std::string& text) {
  for (const auto words : kSaysMissing) {
    if (text.find(words) != std::string::npos) return words;
  }
  return {};
}

// The sections whose heading matches `heading`; its first group is the section's name.
std::vector<DocSection> doc_sections(const std::string& doc, const std::regex& heading) {
  std::vector<DocSection> out;
  std::istringstream lines(doc);
  std::string line;
  DocSection* open = nullptr;
  while (std::getline(lines, line)) {
    const bool is_heading = line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0;
    if (is_heading) {
      open = nullptr;
      std::smatch match;
      if (std::regex_match(line, match, heading)) {
        out.push_back(DocSection{match[1].str(), ""});
        open = &out.back();
      }
      continue;
    }
    if (open != nullptr) open->text += line + "\n";
  }
  return out;
}

// "### server.info" or "### `server.info`": a heading that names a method.
std::vector<DocSection> method_sections(const std::string& doc) {
  return doc_sections(doc, std::regex(R"(### `?([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)`?\s*)"));
}

// "### The `status` topic".
std::vector<DocSection> topic_sections(const std::string& doc) {
  return doc_sections(doc, std::regex(R"(### The `([a-z_]+)` topic\s*)"));
}

// The first word after "**Role:**" in a method's section; empty when there is none.
std::string stated_role(const std::string& section) {
  std::smatch match;
  if (!std::regex_search(section, match, std::regex(R"(\*\*Role:\*\*\s*\**([a-z]+))"))) return "";
  return match[1].str();
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

class ApiDocTest : public testing::Test {
 protected:
  ApiDocTest() {
    config_.daemon.programs_directory = test_support::kProgramsDir;
    config_.daemon.state_directory = state_.path();
    // As DaemonProcess does: server.info first, the programs and topics, then the chair's.
    massaged::add_server_info_method(rpc_, [] { return massaged::DaemonState::ready; });
    api_ = std::make_unique<massaged::ChairApi>(io_, rpc_, config_);
    api_->attach({&rig_.controller(), [this] { return rig_.loop().statistics(); }, rig_.period(),
                  &rig_.drives(),
                  calibration_test::stored_without_drives(control_test::simulator_calibration())});
  }

  [[nodiscard]] std::set<std::string> registered() const {
    const auto methods = rpc_.methods();
    return {methods.begin(), methods.end()};
  }

  control_test::ChairRig rig_;
  boost::asio::io_context io_;
  test_support::TempDirectory state_;
  massaged::ChairConfig config_;
  massaged::JsonRpcDispatcher rpc_;
  std::unique_ptr<massaged::ChairApi> api_;
  const std::string doc_ = api_doc_text();
};

TEST_F(ApiDocTest, TheReferenceIsThere) {
  ASSERT_FALSE(doc_.empty()) << "cannot read " << kApiDoc;
  EXPECT_FALSE(method_sections(doc_).empty()) << kApiDoc << " has no \"### method.name\" heading";
}

TEST_F(ApiDocTest, EveryMethodTheDaemonOffersHasItsSection) {
  std::set<std::string> documented;
  for (const auto& section : method_sections(doc_)) documented.insert(section.name);
  std::set<std::string> missing;
  for (const auto& method : registered()) {
    if (documented.count(method) == 0) missing.insert(method);
  }
  EXPECT_TRUE(missing.empty()) << "docs/api.md has no \"### method\" section for: "
                               << joined(missing);
}

TEST_F(ApiDocTest, EveryMethodSectionNamesAMethodTheDaemonOffers) {
  const auto methods = registered();
  std::set<std::string> unknown;
  for (const auto& section : method_sections(doc_)) {
    if (methods.count(section.name) == 0) unknown.insert(section.name);
  }
  EXPECT_TRUE(unknown.empty()) << "docs/api.md documents methods the daemon does not register: "
                               << joined(unknown);
}

TEST_F(ApiDocTest, NoMethodIsDocumentedTwice) {
  std::map<std::string, int> count;
  for (const auto& section : method_sections(doc_)) ++count[section.name];
  for (const auto& [name, n] : count) EXPECT_EQ(n, 1) << name << " has " << n << " sections";
}

TEST_F(ApiDocTest, EachMethodSectionStatesTheRoleTheDaemonAsksFor) {
  for (const auto& section : method_sections(doc_)) {
    const auto role = rpc_.role_of(section.name);
    if (!role) continue;  // reported by EveryMethodSectionNamesAMethodTheDaemonOffers
    EXPECT_EQ(stated_role(section.text), massaged::to_string(*role))
        << "the section of " << section.name << " must say \"**Role:** "
        << massaged::to_string(*role) << "\"";
  }
}

TEST_F(ApiDocTest, EveryTopicHasItsSectionWithItsKindRoleAndFields) {
  const auto sections = topic_sections(doc_);
  const auto topics = massaged::chair_topics();
  for (const auto& topic : topics) {
    const auto section =
        std::find_if(sections.begin(), sections.end(),
                     [&topic](const DocSection& s) { return s.name == topic.name; });
    if (section == sections.end()) {
      ADD_FAILURE() << "docs/api.md has no \"### The `" << topic.name << "` topic\" section";
      continue;
    }
    const std::string kind =
        topic.kind == massaged::TopicKind::state ? "State topic" : "Event topic";
    EXPECT_NE(section->text.find(kind), std::string::npos)
        << "the " << topic.name << " topic's section must say \"" << kind << "\"";
    std::smatch role;
    const bool has_role = std::regex_search(section->text, role, std::regex(R"(role \**([a-z]+))"));
    EXPECT_TRUE(has_role && role[1].str() == massaged::to_string(topic.role))
        << "the " << topic.name << " topic's section must say \"role "
        << massaged::to_string(topic.role) << "\"";
    for (const auto& field : topic.fields) {
      EXPECT_NE(section->text.find("`" + field + "`"), std::string::npos)
          << "the " << topic.name << " topic's section does not name its field `" << field << "`";
    }
  }
  for (const auto& section : sections) {
    EXPECT_TRUE(
        std::any_of(topics.begin(), topics.end(),
                    [&section](const massaged::TopicSpec& t) { return t.name == section.name; }))
        << "docs/api.md documents a topic the daemon does not publish: " << section.name;
  }
}

TEST_F(ApiDocTest, NoMethodSectionSaysTheMethodItDocumentsIsMissing) {
  for (const auto& section : method_sections(doc_)) {
    if (!rpc_.role_of(section.name)) continue;
    EXPECT_EQ(says_missing(section.text), "")
        << "the section of " << section.name << " says \"" << says_missing(section.text)
        << "\", but the daemon serves it";
    EXPECT_EQ(section.text.find("Method not found: \\\"" + section.name + "\\\""),
              std::string::npos)
        << "the section of " << section.name
        << " shows an example where it is not found, but the daemon serves it";
  }
}

TEST_F(ApiDocTest, NoDocSaysAMethodTheDaemonServesIsMissing) {
  for (const auto& path : project_docs()) {
    for (const auto& paragraph : paragraphs(doc_text(path))) {
      const auto words = says_missing(paragraph);
      if (words.empty()) continue;
      for (const auto& method : registered()) {
        EXPECT_EQ(paragraph.find("`" + method + "`"), std::string::npos)
            << path.filename() << " says \"" << words << "\" beside " << method
            << ", which the daemon serves:\n"
            << paragraph;
      }
    }
  }
}

}  // namespace api_doc_test
