#include <filesystem>

#include <gtest/gtest.h>

#include "tests/fuzz/corpus_files.hpp"
#include "tests/fuzz/programs/program_text_check.hpp"

// Every build replays the fuzzer's corpus through its entry point, with whatever compiler and
// sanitizers the build has: inputs that once broke the checker stay fixed. Files named valid-*
// are programs the checker must accept; invalid-* it must refuse; the rest only must not break
// it.
namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "tests/fuzz/programs/corpus";

TEST(ProgramParserCorpus, EveryInputGetsAProgramThatKeepsTheRulesOrLocatedErrors) {
  const auto files = fuzz::corpus_files(kCorpus);
  ASSERT_GE(files.size(), 20U) << "the corpus went missing from " << kCorpus;
  for (const auto& file : files) {
    const auto verdict = fuzz::check_program_bytes(fuzz::bytes_of(file));
    for (const auto& violation : verdict.violations) {
      ADD_FAILURE() << file.filename() << ": " << violation;
    }
  }
}

TEST(ProgramParserCorpus, ValidSeedsAreAcceptedAndInvalidOnesRefused) {
  std::size_t valid = 0;
  std::size_t invalid = 0;
  for (const auto& file : fuzz::corpus_files(kCorpus)) {
    const auto verdict = fuzz::check_program_bytes(fuzz::bytes_of(file));
    if (fuzz::named(file, "valid-")) {
      ++valid;
      EXPECT_TRUE(verdict.accepted) << file.filename();
    } else if (fuzz::named(file, "invalid-")) {
      ++invalid;
      EXPECT_FALSE(verdict.accepted) << file.filename();
    }
  }
  EXPECT_GE(valid, 6U);
  EXPECT_GE(invalid, 10U);
}

}  // namespace
