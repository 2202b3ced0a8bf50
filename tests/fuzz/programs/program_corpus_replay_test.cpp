#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "tests/fuzz/programs/program_text_check.hpp"

// Every build replays the fuzzer's corpus through its entry point, with whatever compiler and
// sanitizers the build has: inputs that once broke the checker stay fixed. Files named valid-*
// are programs the checker must accept; invalid-* it must refuse; the rest only must not break
// it.
namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "tests/fuzz/programs/corpus";

std::vector<std::uint8_t> bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::filesystem::path> corpus_files() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool named(const std::filesystem::path& path, std::string_view prefix) {
  return path.filename().string().starts_with(prefix);
}

TEST(ProgramParserCorpus, EveryInputGetsAProgramThatKeepsTheRulesOrLocatedErrors) {
  const auto files = corpus_files();
  ASSERT_GE(files.size(), 20U) << "the corpus went missing from " << kCorpus;
  for (const auto& file : files) {
    const auto verdict = fuzz::check_program_bytes(bytes_of(file));
    for (const auto& violation : verdict.violations) {
      ADD_FAILURE() << file.filename() << ": " << violation;
    }
  }
}

TEST(ProgramParserCorpus, ValidSeedsAreAcceptedAndInvalidOnesRefused) {
  std::size_t valid = 0;
  std::size_t invalid = 0;
  for (const auto& file : corpus_files()) {
    const auto verdict = fuzz::check_program_bytes(bytes_of(file));
    if (named(file, "valid-")) {
      ++valid;
      EXPECT_TRUE(verdict.accepted) << file.filename();
    } else if (named(file, "invalid-")) {
      ++invalid;
      EXPECT_FALSE(verdict.accepted) << file.filename();
    }
  }
  EXPECT_GE(valid, 6U);
  EXPECT_GE(invalid, 10U);
}

}  // namespace
