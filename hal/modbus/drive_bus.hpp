#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "clock/clock.hpp"
#include "modbus/bus_config.hpp"
#include "modbus/bus_wakeup.hpp"
#include "modbus/cycle_exchange.hpp"
#include "modbus/drive_channel.hpp"
#include "modbus/modbus_link.hpp"
#include "modbus/pending_cycle.hpp"
#include "modbus/quick_stop_record.hpp"
#include "modbus/reconnect_backoff.hpp"
#include "result/expected.hpp"

// One Modbus bus and the drives on it. Its own thread owns the libmodbus context and does every
// transaction; callers hand it work and wait, the control cycle with a deadline. A quick stop
// from any thread goes out before the bus's next regular transaction: on RTU first as one
// broadcast, then confirmed drive by drive; on TCP drive by drive, back to back.
//
// An in-memory link has no thread of its own: its far end is a function call that never blocks,
// so each job runs on the thread that hands it over (one at a time), and a quick stop goes out
// before the next job or when serve_pending_stop() is called. Stepped-time runs are then exactly
// repeatable (no second thread serves a stop while the simulated world moves on) and cost no
// hand-over between threads.
namespace hal {

class DriveBus {
 public:
  using CycleResult = PendingCycle::Result;  // one per drive, in configuration order

  // A caller that asks for its next job within this long of the last one's end is taken to run
  // cycles back to back: the bus thread then polls this long for the next job before it sleeps
  // (see BriefPoll), and may announce a cycle's result one transaction ahead (see PendingCycle).
  static constexpr std::chrono::microseconds kBackToBack{100};

  // Starts the bus thread; opens nothing yet. Throws std::invalid_argument for a configuration
  // that cannot work (no drives, a unit id out of 1..247 or used twice, bad backoff).
  DriveBus(BusConfig config, const Clock& clock = steady_clock());
  ~DriveBus();
  DriveBus(const DriveBus&) = delete;
  DriveBus& operator=(const DriveBus&) = delete;

  [[nodiscard]] const std::string& name() const { return config_.name; }
  [[nodiscard]] const BusConfig& config() const { return config_; }
  [[nodiscard]] std::size_t size() const { return channels_.size(); }
  [[nodiscard]] DriveChannel& channel(std::size_t index) { return *channels_.at(index); }
  [[nodiscard]] const DriveChannel& channel(std::size_t index) const {
    return *channels_.at(index);
  }
  [[nodiscard]] bool link_up() const { return link_up_.load(std::memory_order_acquire); }

  // Lifecycle, each returning once done (bounded by the response timeouts), with one error per
  // drive that did not make it; the other drives go ahead.
  // unconfigured -> connected: open the link, check each drive's identity, read its status.
  std::vector<DriveError> connect();
  // connected -> active: set and read back each drive's watchdog, learn its limits.
  std::vector<DriveError> activate();
  // active -> connected: disable each drive (one last frame), then stop commanding it.
  std::vector<DriveError> deactivate();
  // -> unconfigured: close the link.
  void disconnect();

  // One control cycle on the bus thread: every active drive exchanges its frame, every connected
  // one has its status read. If the previous cycle is still running, the result is ready at
  // once and holds an overrun for every drive. `caller_polls`: the caller will poll for the
  // result once announced as near, so it may be announced one transaction ahead.
  [[nodiscard]] PendingCycle start_cycle(bool caller_polls);

  // Reads registers of the drive at `index` (configuration order) on the bus thread, between
  // two cycles, as the technician's read-only view of a drive: their values as the drive
  // interprets them (signedness, word order), or why not. The read delays the next cycle by its
  // transactions. Throws std::out_of_range for an index beyond the bus's drives.
  [[nodiscard]] std::future<result::Expected<std::vector<std::int64_t>, DriveError>>
  read_drive_registers(std::size_t index, std::vector<RegisterSpec> specs);

  // Any thread; lock-free; never refused.
  void quick_stop();
  // On an in-memory link, sends the quick stop asked for since the last job, now, on this thread;
  // a simulated world calls it before it moves on. Elsewhere the bus thread has done so already.
  void serve_pending_stop();
  [[nodiscard]] QuickStopRecord last_quick_stop() const;

  // Every transaction on this bus.
  [[nodiscard]] TransactionStatistics statistics() const { return link_.statistics().snapshot(); }

 private:
  template <class Job>
  auto post(Job job) -> std::future<decltype(job())>;
  void run();
  // Runs a job where this bus runs its jobs: on its thread or, for an in-memory link, here.
  void dispatch(std::function<void()> job);
  void serve_quick_stop();
  // serve_quick_stop, recording (not throwing) whatever went wrong.
  void serve_quick_stop_safely();
  CycleResult run_cycle();
  std::vector<DriveError> run_connect();
  std::vector<DriveError> run_activate();
  std::vector<DriveError> run_deactivate();
  // Opens the link again when the backoff allows; none when it is up, else why it is down.
  std::optional<std::string> restore_link();
  // Re-runs the start-up checks of a drive found again after a reconnect; the transport error
  // when the link failed on the way.
  std::optional<DriveError> recheck(std::size_t index);
  void note_outcome(const ReadingOutcome& outcome);
  // Tells the caller waiting for the running cycle that its result is near, once.
  void announce_result_near();
  // Every limit_audit_every_cycles cycles, one active drive in turn: see audit_limits.
  void audit_one(CycleResult& result);
  DriveError bus_error(DriveErrorKind kind, std::string doing, std::string detail) const;

  BusConfig config_;
  const Clock* clock_;
  BusWakeup wakeup_;
  std::vector<std::unique_ptr<DriveChannel>> channels_;
  std::vector<CycleExchange> exchanges_;  // one per channel, same order; bus thread only
  std::vector<std::optional<DriveError>> startup_problems_;  // why a drive is unconfigured
  ModbusLink link_;
  ReconnectBackoff backoff_;
  int consecutive_timeouts_ = 0;
  int cycles_until_audit_ = 0;
  std::size_t next_audit_ = 0;  // the channel the next limit audit is for
  bool serving_stop_ = false;
  // Bus thread only: whether jobs come back to back (see kBackToBack), the poll for the next
  // one, and the running cycle's announcement of its result, when to be made ahead.
  bool back_to_back_ = false;
  BriefPoll next_job_poll_;
  std::promise<void>* result_near_ = nullptr;
  bool announce_ahead_ = false;
  std::atomic<bool> link_up_{false};
  std::atomic<bool> cycle_running_{false};

  mutable std::mutex stop_record_mutex_;
  QuickStopRecord stop_record_;

  // An in-memory link's jobs run on their callers' threads, one at a time (see above).
  const bool on_caller_thread_;
  std::mutex caller_mutex_;

  std::mutex jobs_mutex_;
  std::deque<std::function<void()>> jobs_;
  std::atomic<bool> closing_{false};
  std::thread thread_;  // last: starts once everything above exists; none on an in-memory link
};

}  // namespace hal
