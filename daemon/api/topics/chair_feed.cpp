#include "daemon/api/topics/chair_feed.hpp"

#include "daemon/api/json/chair_json.hpp"

namespace massaged {

using nlohmann::json;

std::vector<TopicSpec> chair_topics() {
  return {
      {"status",
       TopicKind::state,
       ApiRole::panel,
       {"state", "description", "cause", "latched", "fault", "since"},
       "the chair's state, as chair.status shows it without the session"},
      {"progress",
       TopicKind::state,
       ApiRole::panel,
       {"phase", "program_id", "program_name", "step", "step_count", "technique", "zone",
        "intensity", "doing", "holding_here", "elapsed_s", "remaining_s", "force_n",
        "intensity_shift", "focus_shift", "shoulder_mm", "back_end_mm", "s1_mm", "outcome"},
       "the session's progress, as session.progress shows it; empty without a session"},
      {"faults",
       TopicKind::events,
       ApiRole::panel,
       {"time", "state", "kind", "summary", "detail", "fault"},
       "each fault or emergency stop as the chair latches it, as faults.list records it"},
      {"log",
       TopicKind::events,
       ApiRole::technician,
       {"time", "level", "message"},
       "the daemon's log lines, info and above"},
  };
}

ChairFeed::ChairFeed(boost::asio::any_io_executor main_loop, TopicBoard& board,
                     FaultHistory& history, ChairSources sources)
    : board_(&board), history_(&history), sources_(std::move(sources)), timer_(main_loop) {}

ChairFeed::~ChairFeed() { stop(); }

void ChairFeed::start() {
  if (running_) return;
  running_ = true;
  timer_.expires_after(kTick);
  wait();
}

void ChairFeed::stop() {
  running_ = false;
  timer_.cancel();
}

void ChairFeed::wait() {
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || !running_) return;
    tick(std::chrono::steady_clock::now(), std::chrono::system_clock::now());
    // A fixed grid: the next tick is one period after this one was due, not after it ran.
    timer_.expires_at(timer_.expiry() + kTick);
    if (timer_.expiry() < std::chrono::steady_clock::now()) {
      timer_.expires_after(kTick);  // fell behind: skip the missed ticks
    }
    wait();
  });
}

void ChairFeed::tick(std::chrono::steady_clock::time_point now,
                     std::chrono::system_clock::time_point wall) {
  const auto status = sources_.status();
  if (!since_ || since_->first != status.since) {
    since_.emplace(status.since, wall_time_of(status.since, now, wall));
  }
  board_->set_state("status", status_json(status, since_->second));
  if (auto record = history_->observe(status, wall)) board_->add_event("faults", *record);
  const auto progress = sources_.progress ? sources_.progress() : json();
  board_->set_state("progress", progress.is_object() ? progress : json::object());
  if (sources_.log) {
    auto taken = sources_.log->take();
    for (auto& line : taken.lines) board_->add_event("log", line);
  }
  board_->flush(now);
}

}  // namespace massaged
