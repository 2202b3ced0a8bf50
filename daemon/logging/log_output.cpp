#include "daemon/logging/log_output.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "daemon/logging/journal_stream_sink.hpp"

namespace massaged {
namespace {

bool set(const char* variable) {
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0';
}

}  // namespace

LogOutput log_output_from_environment() {
  return set("JOURNAL_STREAM") || set("INVOCATION_ID") ? LogOutput::journal : LogOutput::terminal;
}

void route_logs(LogOutput output, spdlog::level::level_enum level) {
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (output == LogOutput::journal) {
    sink = std::make_shared<JournalStreamSink>(stderr);
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    sink->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$: %v");
  }
  auto logger = std::make_shared<spdlog::logger>("massaged", std::move(sink));
  logger->set_level(level);
  // Warnings and worse reach the journal or terminal at once, even if the daemon then dies.
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace massaged
