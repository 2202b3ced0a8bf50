#include "daemon/logging/log_output.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

namespace {

// Sets or clears the variables systemd uses, restoring them afterwards.
class LogOutputTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"JOURNAL_STREAM", "INVOCATION_ID"}) {
      if (const char* value = std::getenv(name)) saved_.emplace_back(name, value);
      ::unsetenv(name);
    }
  }
  void TearDown() override {
    ::unsetenv("JOURNAL_STREAM");
    ::unsetenv("INVOCATION_ID");
    for (const auto& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<std::pair<std::string, std::string>> saved_;
};

TEST_F(LogOutputTest, OutsideSystemdLogsGoToTheTerminal) {
  EXPECT_EQ(massaged::log_output_from_environment(), massaged::LogOutput::terminal);
}

TEST_F(LogOutputTest, StderrConnectedToTheJournalMeansJournalLines) {
  ::setenv("JOURNAL_STREAM", "8:12345", 1);
  EXPECT_EQ(massaged::log_output_from_environment(), massaged::LogOutput::journal);
}

TEST_F(LogOutputTest, AnyServiceSystemdStartsMeansJournalLines) {
  ::setenv("INVOCATION_ID", "0123456789abcdef0123456789abcdef", 1);
  EXPECT_EQ(massaged::log_output_from_environment(), massaged::LogOutput::journal);
}

}  // namespace
