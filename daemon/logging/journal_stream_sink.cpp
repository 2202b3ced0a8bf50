#include "daemon/logging/journal_stream_sink.hpp"

#include <string_view>

#include <spdlog/pattern_formatter.h>

namespace massaged {

JournalStreamSink::JournalStreamSink(std::FILE* stream) : stream_(stream) {
  set_formatter(std::make_unique<spdlog::pattern_formatter>("%v", spdlog::pattern_time_type::local,
                                                            std::string()));
}

int JournalStreamSink::syslog_priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical:
      return 2;  // LOG_CRIT
    case spdlog::level::err:
      return 3;  // LOG_ERR
    case spdlog::level::warn:
      return 4;  // LOG_WARNING
    case spdlog::level::info:
      return 6;  // LOG_INFO
    default:
      return 7;  // LOG_DEBUG, for debug and trace
  }
}

void JournalStreamSink::sink_it_(const spdlog::details::log_msg& message) {
  spdlog::memory_buf_t text;
  formatter_->format(message, text);
  // journald reads one entry per line: a message of several lines gets the prefix on each, or
  // its later lines would be filed at the default priority.
  const std::string prefix = "<" + std::to_string(syslog_priority(message.level)) + ">";
  std::string_view rest(text.data(), text.size());
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    std::fwrite(prefix.data(), 1, prefix.size(), stream_);
    std::fwrite(line.data(), 1, line.size(), stream_);
    std::fputc('\n', stream_);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

void JournalStreamSink::flush_() { std::fflush(stream_); }

}  // namespace massaged
