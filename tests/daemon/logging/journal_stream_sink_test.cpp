#include "daemon/logging/journal_stream_sink.hpp"

#include <stdio.h>

#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>
#include <spdlog/logger.h>

namespace {

// A logger whose journal lines land in memory.
class JournalStreamSinkTest : public testing::Test {
 protected:
  JournalStreamSinkTest() : stream_(open_memstream(&buffer_, &size_)) {
    logger_ = std::make_shared<spdlog::logger>(
        "test", std::make_shared<massaged::JournalStreamSink>(stream_));
    logger_->set_level(spdlog::level::trace);
  }
  ~JournalStreamSinkTest() override {
    std::fclose(stream_);
    std::free(buffer_);
  }

  std::string written() {
    logger_->flush();
    return std::string(buffer_, size_);
  }

  char* buffer_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* stream_;
  std::shared_ptr<spdlog::logger> logger_;
};

TEST_F(JournalStreamSinkTest, EachLevelCarriesItsSyslogPriority) {
  logger_->critical("rollers stuck");
  logger_->error("bus main lost");
  logger_->warn("late cycle");
  logger_->info("ready");
  logger_->debug("cycle 12");
  logger_->trace("frame");
  EXPECT_EQ(written(),
            "<2>rollers stuck\n<3>bus main lost\n<4>late cycle\n<6>ready\n<7>cycle 12\n<7>frame\n");
}

TEST_F(JournalStreamSinkTest, EveryLineOfAMessageKeepsThePriority) {
  logger_->error("profile refused:\nline two\nline three");
  EXPECT_EQ(written(), "<3>profile refused:\n<3>line two\n<3>line three\n");
}

TEST_F(JournalStreamSinkTest, NoTimestampOrLevelNameSinceJournaldAddsThem) {
  logger_->info("API listening on /run/massaged/api.sock");
  EXPECT_EQ(written(), "<6>API listening on /run/massaged/api.sock\n");
}

}  // namespace
