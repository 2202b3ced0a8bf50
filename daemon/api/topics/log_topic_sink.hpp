#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include <spdlog/sinks/base_sink.h>
#include <nlohmann/json.hpp>

// The daemon's log lines for the log topic: an spdlog sink that keeps the latest lines (info and
// above) from every thread until the main loop takes them for the subscribers. It never blocks a
// logging thread for long and never grows without bound: past kKept lines the oldest go, and
// are counted.
namespace massaged {

class LogTopicSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static constexpr std::size_t kKept = 1000;

  LogTopicSink();

  // Main loop: the lines logged since the last call, each {"time", "level", "message"}, and
  // how many were lost in between.
  struct Taken {
    std::vector<nlohmann::json> lines;
    std::uint64_t dropped = 0;
  };
  Taken take();

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override {}

 private:
  std::deque<nlohmann::json> lines_;  // guarded by base_sink's mutex_
  std::uint64_t dropped_ = 0;
};

}  // namespace massaged
