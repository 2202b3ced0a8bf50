#pragma once

#include <cstdio>
#include <mutex>

#include <spdlog/sinks/base_sink.h>

// Log lines for journald when systemd connects stderr to the journal: each line starts with the
// syslog priority in angle brackets ("<3>bus main lost"), which journald strips and keeps as the
// entry's PRIORITY, so `journalctl -p warning` works. journald adds time and process itself.
namespace massaged {

class JournalStreamSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // `stream` stays owned by the caller (stderr in the daemon).
  explicit JournalStreamSink(std::FILE* stream);

  // The syslog priority journald files a message of this level under.
  static int syslog_priority(spdlog::level::level_enum level);

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

 private:
  std::FILE* stream_;
};

}  // namespace massaged
