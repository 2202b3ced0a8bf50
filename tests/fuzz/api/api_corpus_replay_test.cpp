#include <filesystem>

#include <gtest/gtest.h>

#include "tests/fuzz/api/api_exchange_check.hpp"
#include "tests/fuzz/corpus_files.hpp"

// Every build replays the API fuzzer's corpus through its entry point, with whatever compiler
// and sanitizers the build has: inputs that once broke the request path stay fixed. Files named
// call-* are valid calls: answered with results only, never an error. bad-* are not: answered
// with errors only, and the chair is given nothing. The rest only must keep the invariants.
namespace {

const std::filesystem::path kApiCorpus =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "tests/fuzz/api/corpus";

TEST(ApiRequestCorpus, EveryInputIsAnsweredAndGivesTheChairOnlyWhatValidCallsAskFor) {
  const auto files = fuzz::corpus_files(kApiCorpus);
  ASSERT_GE(files.size(), 30U) << "the corpus went missing from " << kApiCorpus;
  for (const auto& file : files) {
    const auto verdict = fuzz::check_api_bytes(fuzz::bytes_of(file));
    for (const auto& violation : verdict.violations) {
      ADD_FAILURE() << file.filename() << ": " << violation;
    }
  }
}

TEST(ApiRequestCorpus, ValidCallsGetResultsAndBadOnesErrorsAndNoCommand) {
  std::size_t calls = 0;
  std::size_t bad = 0;
  for (const auto& file : fuzz::corpus_files(kApiCorpus)) {
    const auto verdict = fuzz::check_api_bytes(fuzz::bytes_of(file));
    if (fuzz::named(file, "call-")) {
      ++calls;
      EXPECT_GE(verdict.results, 1U) << file.filename();
      EXPECT_EQ(verdict.errors, 0U)
          << file.filename() << " got " << testing::PrintToString(verdict.replies);
    } else if (fuzz::named(file, "bad-")) {
      ++bad;
      EXPECT_GE(verdict.errors, 1U) << file.filename();
      EXPECT_EQ(verdict.results, 0U) << file.filename();
      EXPECT_TRUE(verdict.commands.empty())
          << file.filename() << " gave the chair " << verdict.commands.front();
    }
  }
  EXPECT_GE(calls, 20U);
  EXPECT_GE(bad, 10U);
}

TEST(ApiRequestCorpus, ACommandReachesTheChairOnlyFromItsMethod) {
  const auto start = fuzz::check_api_bytes(fuzz::bytes_of(kApiCorpus / "call-session-start"));
  ASSERT_TRUE(start.violations.empty());
  // Started, then extended to the 20 minutes asked for (longer than the chair's default).
  EXPECT_EQ(start.commands, (std::vector<std::string>{"session.start -> start_session",
                                                      "session.start -> extend_session"}));
  const auto stop = fuzz::check_api_bytes(fuzz::bytes_of(kApiCorpus / "call-chair-emergency-stop"));
  ASSERT_EQ(stop.commands.size(), 1U);
  EXPECT_EQ(stop.commands.front(), "chair.emergency_stop -> emergency_stop");
}

}  // namespace
