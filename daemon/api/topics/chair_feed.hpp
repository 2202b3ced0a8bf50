#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "daemon/api/topics/fault_history.hpp"
#include "daemon/api/topics/log_topic_sink.hpp"
#include "daemon/api/topics/topic_board.hpp"
#include "daemon/control/chair_state.hpp"

// What subscribers hear of, gathered on the main loop at a fixed tick: the chair's status and
// the session's progress are sampled into their topics, each new fault or emergency stop goes
// into the history and the faults topic, the log lines into the log topic; then the board sends
// each subscription what changed. Sampling (rather than callbacks from the control loop's
// thread) keeps the control loop free of any work for clients.
namespace massaged {

// The topics the daemon publishes, with their fields (docs/api.md).
[[nodiscard]] std::vector<TopicSpec> chair_topics();

struct ChairSources {
  std::function<control::ChairStatus()> status;
  // The progress topic's fields (session.progress's result), null without a session.
  std::function<nlohmann::json()> progress;
  std::shared_ptr<LogTopicSink> log;  // may be null
};

class ChairFeed {
 public:
  // Subscribers are never told faster than this, whatever rate they ask for.
  static constexpr std::chrono::milliseconds kTick{20};

  ChairFeed(boost::asio::any_io_executor main_loop, TopicBoard& board, FaultHistory& history,
            ChairSources sources);
  ~ChairFeed();
  ChairFeed(const ChairFeed&) = delete;
  ChairFeed& operator=(const ChairFeed&) = delete;

  void start();
  void stop();

  // One tick at `now` (steady) and `wall` (wall clock): sample, record, publish, flush.
  void tick(std::chrono::steady_clock::time_point now, std::chrono::system_clock::time_point wall);

 private:
  void wait();

  TopicBoard* board_;
  FaultHistory* history_;
  ChairSources sources_;
  boost::asio::steady_timer timer_;
  bool running_ = false;
  // When the chair entered its present state, on the wall clock: worked out once per state.
  std::optional<std::pair<hal::Clock::time_point, std::chrono::system_clock::time_point>> since_;
};

}  // namespace massaged
