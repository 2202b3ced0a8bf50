#include "modbus/drive_bus.hpp"

#include <array>
#include <set>
#include <stdexcept>
#include <variant>

#include "modbus/drive_checks.hpp"
#include "modbus/register_access.hpp"

namespace hal {
namespace {

// Errors of the link or the drive's protocol, as opposed to the drive's own state.
bool is_link_error(DriveErrorKind kind) {
  return kind == DriveErrorKind::timeout || kind == DriveErrorKind::bad_frame ||
         kind == DriveErrorKind::disconnected || kind == DriveErrorKind::modbus_exception;
}

// Errors after which the link itself cannot be trusted for the next step.
bool is_transport_error(DriveErrorKind kind) {
  return kind == DriveErrorKind::timeout || kind == DriveErrorKind::bad_frame ||
         kind == DriveErrorKind::disconnected;
}

void check_config(const BusConfig& config) {
  const std::string where = "bus \"" + config.name + "\": ";
  if (config.axes.empty()) throw std::invalid_argument(where + "no drives are configured");
  std::set<int> units;
  for (const auto& axis : config.axes) {
    if (axis.unit_id < 1 || axis.unit_id > 247) {
      throw std::invalid_argument(where + "unit id " + std::to_string(axis.unit_id) +
                                  " is outside 1..247");
    }
    if (!units.insert(axis.unit_id).second) {
      throw std::invalid_argument(where + "unit id " + std::to_string(axis.unit_id) +
                                  " is used by two drives");
    }
  }
  if (config.response_timeout <= std::chrono::milliseconds{0}) {
    throw std::invalid_argument(where + "the response timeout must be positive");
  }
  if (config.timeouts_before_reconnect < 1) {
    throw std::invalid_argument(where + "timeouts_before_reconnect must be at least 1");
  }
}

}  // namespace

DriveBus::DriveBus(BusConfig config, const Clock& clock)
    : config_((check_config(config), std::move(config))),
      clock_(&clock),
      link_(config_.link, config_.response_timeout),
      backoff_(config_.reconnect_backoff_min, config_.reconnect_backoff_max),
      on_caller_thread_(std::holds_alternative<InMemoryLink>(config_.link)) {
  for (const auto& wiring : config_.axes) {
    channels_.push_back(
        std::make_unique<DriveChannel>(config_.name, config_.profile, wiring, clock, wakeup_));
  }
  exchanges_.reserve(channels_.size());
  for (auto& channel : channels_) exchanges_.emplace_back(*channel);
  startup_problems_.resize(channels_.size());
  link_.set_transaction_gate([this] {
    if (!serving_stop_ && wakeup_.stop_pending()) serve_quick_stop();
  });
  if (!on_caller_thread_) thread_ = std::thread([this] { run(); });
}

DriveBus::~DriveBus() {
  closing_.store(true, std::memory_order_release);
  wakeup_.ring();
  if (thread_.joinable()) thread_.join();
}

template <class Job>
auto DriveBus::post(Job job) -> std::future<decltype(job())> {
  using Result = decltype(job());
  auto task = std::make_shared<std::packaged_task<Result()>>(std::move(job));
  auto future = task->get_future();
  dispatch([task] { (*task)(); });
  return future;
}

void DriveBus::dispatch(std::function<void()> job) {
  if (on_caller_thread_) {
    const std::lock_guard lock(caller_mutex_);
    serve_quick_stop_safely();
    job();
    // A stop asked for during the job (by another thread, or after its last transaction).
    serve_quick_stop_safely();
    return;
  }
  {
    const std::lock_guard lock(jobs_mutex_);
    jobs_.push_back(std::move(job));
  }
  wakeup_.ring();
}

void DriveBus::serve_pending_stop() {
  if (!on_caller_thread_) return;
  const std::lock_guard lock(caller_mutex_);
  serve_quick_stop_safely();
}

void DriveBus::serve_quick_stop_safely() {
  try {
    serve_quick_stop();
  } catch (const std::exception& e) {
    // Nothing here should throw; if something does, the bus must live on, and the record says
    // why the stop did not go out.
    const std::lock_guard lock(stop_record_mutex_);
    ++stop_record_.sequence;
    stop_record_.confirmations.clear();
    stop_record_.broadcast_error =
        bus_error(DriveErrorKind::disconnected, "serving a quick stop", e.what());
  }
}

void DriveBus::run() {
  auto idle_since = std::chrono::steady_clock::now();
  for (;;) {
    const auto seen = wakeup_.seen();
    if (closing_.load(std::memory_order_acquire)) return;
    if (wakeup_.stop_pending()) {
      serve_quick_stop_safely();
      continue;
    }
    std::function<void()> job;
    {
      const std::lock_guard lock(jobs_mutex_);
      if (!jobs_.empty()) {
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
    }
    if (job) {
      back_to_back_ = std::chrono::steady_clock::now() - idle_since <= kBackToBack;
      job();
      idle_since = std::chrono::steady_clock::now();
      continue;
    }
    const auto rung = [this, seen] { return wakeup_.seen() != seen; };
    if (!back_to_back_ || !next_job_poll_.until(rung, kBackToBack)) wakeup_.wait(seen);
  }
}

DriveError DriveBus::bus_error(DriveErrorKind kind, std::string doing, std::string detail) const {
  DriveError e;
  e.kind = kind;
  e.bus = config_.name;
  e.doing = std::move(doing);
  e.detail = std::move(detail);
  return e;
}

void DriveBus::quick_stop() {
  // Every drive marked before the bus thread wakes, so that it sees one whole-bus stop (one
  // broadcast on RTU) rather than the first drives' stops on their own.
  for (auto& channel : channels_) channel->mark_for_stop();
  wakeup_.request_stop(true);
}

QuickStopRecord DriveBus::last_quick_stop() const {
  const std::lock_guard lock(stop_record_mutex_);
  return stop_record_;
}

void DriveBus::serve_quick_stop() {
  if (serving_stop_ || !wakeup_.take_stop()) return;
  serving_stop_ = true;
  struct Served {
    bool* flag;
    ~Served() { *flag = false; }
  } served{&serving_stop_};
  const bool whole_bus = wakeup_.take_whole_bus_stop();
  QuickStopRecord record;
  std::vector<std::size_t> active;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    auto& channel = *channels_[i];
    if (!channel.take_stop_request()) continue;
    // Latched whatever the state, so a drive that comes up later starts stopped.
    channel.latch_quick_stop();
    if (channel.state() == AxisState::active) active.push_back(i);
  }
  if (whole_bus && link_.is_rtu() && link_.is_open()) {
    ControlWord stop;
    stop.enable = true;  // a category-1 stop: the drive decelerates (and retracts) under power
    stop.quick_stop = true;
    const std::array<std::uint16_t, 1> word = {channels_.front()->codec().encode_control(stop)};
    auto sent = link_.broadcast(config_.profile.command.control.address, word);
    record.broadcast = sent.has_value();
    if (!sent) {
      record.broadcast_error =
          bus_error(sent.error().kind, "broadcasting QUICK_STOP to unit 0", sent.error().detail);
    }
  }
  for (const auto i : active) {
    auto outcome = exchanges_[i].exchange(link_, false);
    note_outcome(outcome);
    record.confirmations.push_back(
        {channels_[i]->kind(), channels_[i]->unit(), std::move(outcome)});
  }
  {
    const std::lock_guard lock(stop_record_mutex_);
    record.sequence = stop_record_.sequence + 1;
    stop_record_ = std::move(record);
  }
  link_up_.store(link_.is_open(), std::memory_order_release);
}

std::vector<DriveError> DriveBus::connect() {
  return post([this] { return run_connect(); }).get();
}

std::vector<DriveError> DriveBus::activate() {
  return post([this] { return run_activate(); }).get();
}

std::vector<DriveError> DriveBus::deactivate() {
  return post([this] { return run_deactivate(); }).get();
}

void DriveBus::disconnect() {
  post([this] {
    link_.close();
    link_up_.store(false, std::memory_order_release);
    for (auto& channel : channels_) channel->unconfigured();
  }).get();
}

std::vector<DriveError> DriveBus::run_connect() {
  std::vector<DriveError> errors;
  if (!link_.is_open()) {
    auto opened = link_.open();
    if (!opened) {
      for (std::size_t i = 0; i < channels_.size(); ++i) {
        auto e = channels_[i]->error(opened.error(), "opening " + link_.describe());
        startup_problems_[i] = e;
        errors.push_back(std::move(e));
      }
      return errors;
    }
    backoff_.succeeded();
    consecutive_timeouts_ = 0;
  }
  link_up_.store(true, std::memory_order_release);
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    auto& channel = *channels_[i];
    if (channel.state() != AxisState::unconfigured) continue;
    auto identity = check_identity(link_, channel);
    if (!identity) {
      startup_problems_[i] = identity.error();
      errors.push_back(identity.error());
      continue;
    }
    channel.connected(*identity);
    // Connected means the status can be read; the drive's own alarms are the cycle's business.
    auto status = exchanges_[i].read_status(link_);
    if (!status && is_link_error(status.error().kind)) {
      channel.unconfigured();
      startup_problems_[i] = status.error();
      errors.push_back(status.error());
      continue;
    }
    startup_problems_[i].reset();
  }
  link_up_.store(link_.is_open(), std::memory_order_release);
  return errors;
}

std::vector<DriveError> DriveBus::run_activate() {
  std::vector<DriveError> errors;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    auto& channel = *channels_[i];
    const auto state = channel.state();
    if (state == AxisState::active) continue;
    if (state == AxisState::unconfigured) {
      auto e = startup_problems_[i].value_or(channel.error(
          DriveErrorKind::refused, "activating the drive", "it is not connected; connect first"));
      errors.push_back(std::move(e));
      continue;
    }
    if (auto set = set_watchdog(link_, channel, config_.drive_comm_timeout,
                                config_.drive_comm_loss_action);
        !set) {
      startup_problems_[i] = set.error();
      errors.push_back(set.error());
      continue;
    }
    auto limits = read_limits(link_, channel);
    if (!limits) {
      errors.push_back(limits.error());
      continue;
    }
    auto status = exchanges_[i].read_status(link_);
    if (!status && is_link_error(status.error().kind)) {
      errors.push_back(status.error());
      continue;
    }
    channel.activated(*limits);
    startup_problems_[i].reset();
  }
  link_up_.store(link_.is_open(), std::memory_order_release);
  return errors;
}

std::vector<DriveError> DriveBus::run_deactivate() {
  std::vector<DriveError> errors;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    auto& channel = *channels_[i];
    if (channel.state() != AxisState::active) continue;
    (void)channel.disable();
    auto last = exchanges_[i].exchange(link_, false);
    if (!last && is_link_error(last.error().kind)) errors.push_back(last.error());
    channel.deactivated();
  }
  link_up_.store(link_.is_open(), std::memory_order_release);
  return errors;
}

PendingCycle DriveBus::start_cycle(bool caller_polls) {
  if (cycle_running_.exchange(true, std::memory_order_acq_rel)) {
    CycleResult overrun;
    for (const auto& channel : channels_) {
      overrun.push_back(
          result::unexpected(channel->error(DriveErrorKind::overrun, "starting a cycle",
                                            "the previous cycle of this bus has not finished")));
    }
    std::promise<CycleResult> ready;
    ready.set_value(std::move(overrun));
    return {ready.get_future(), {}};
  }
  std::shared_ptr<std::promise<void>> near;
  std::future<void> near_future;
  if (caller_polls) {
    near = std::make_shared<std::promise<void>>();
    near_future = near->get_future();
  }
  auto result = post([this, near] {
    struct Finished {
      DriveBus* bus;
      ~Finished() {
        bus->announce_result_near();
        bus->cycle_running_.store(false, std::memory_order_release);
      }
    } finished{this};
    result_near_ = near.get();
    announce_ahead_ = near && back_to_back_;
    return run_cycle();
  });
  return {std::move(result), std::move(near_future)};
}

void DriveBus::announce_result_near() {
  if (result_near_ == nullptr) return;
  result_near_->set_value();
  result_near_ = nullptr;
}

std::future<result::Expected<std::vector<std::int64_t>, DriveError>> DriveBus::read_drive_registers(
    std::size_t index, std::vector<RegisterSpec> specs) {
  auto& drive = *channels_.at(index);
  return post([this, &drive,
               specs =
                   std::move(specs)]() -> result::Expected<std::vector<std::int64_t>, DriveError> {
    if (!link_.is_open()) {
      return result::unexpected(drive.error(DriveErrorKind::disconnected,
                                            "reading registers for a technician",
                                            link_.describe() + " is not open: the bus is down"));
    }
    return read_registers(link_, drive, specs, "reading registers for a technician");
  });
}

DriveBus::CycleResult DriveBus::run_cycle() {
  CycleResult out;
  out.reserve(channels_.size());
  bool any_configured = false;
  for (const auto& channel : channels_) {
    any_configured = any_configured || channel->state() != AxisState::unconfigured;
  }
  if (any_configured && !link_.is_open()) {
    if (auto down = restore_link()) {
      for (auto& channel : channels_) {
        out.push_back(result::unexpected(
            channel->error(DriveErrorKind::disconnected, "restoring " + link_.describe(), *down)));
      }
      return out;
    }
  }
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    auto& channel = *channels_[i];
    // On a fast link a caller running cycles back to back is told one transaction ahead, so it
    // is awake to take the result (see PendingCycle).
    if (i + 1 == channels_.size() && announce_ahead_ &&
        link_.last_transaction_time() <= PendingCycle::kPollForResult / 2) {
      announce_result_near();
    }
    switch (channel.state()) {
      case AxisState::unconfigured:
        out.push_back(result::unexpected(startup_problems_[i].value_or(
            channel.error(DriveErrorKind::refused, "running a cycle",
                          "the drive has not passed its start-up checks; connect the bus"))));
        continue;
      case AxisState::connected: {
        auto status = exchanges_[i].read_status(link_);
        note_outcome(status);
        if (status && startup_problems_[i]) {
          out.push_back(result::unexpected(*startup_problems_[i]));
        } else {
          out.push_back(std::move(status));
        }
        continue;
      }
      case AxisState::active: {
        auto outcome = exchanges_[i].exchange(link_);
        note_outcome(outcome);
        out.push_back(std::move(outcome));
        continue;
      }
    }
  }
  audit_one(out);
  link_up_.store(link_.is_open(), std::memory_order_release);
  return out;
}

void DriveBus::audit_one(CycleResult& result) {
  if (config_.limit_audit_every_cycles <= 0 || --cycles_until_audit_ > 0) return;
  cycles_until_audit_ = config_.limit_audit_every_cycles;
  for (std::size_t tried = 0; tried < channels_.size(); ++tried) {
    const auto index = next_audit_;
    next_audit_ = (next_audit_ + 1) % channels_.size();
    auto& channel = *channels_[index];
    // Only a drive that just answered normally: a drive already in trouble says so itself.
    if (channel.state() != AxisState::active || !result[index]) continue;
    auto audit = audit_limits(link_, channel);
    if (!audit) result[index] = result::unexpected(audit.error());
    return;
  }
}

void DriveBus::note_outcome(const ReadingOutcome& outcome) {
  if (outcome) {
    consecutive_timeouts_ = 0;
    return;
  }
  switch (outcome.error().kind) {
    case DriveErrorKind::timeout:
      if (++consecutive_timeouts_ >= config_.timeouts_before_reconnect) {
        // Silence on a link that still looks open (a dead line, a hung gateway): start over.
        link_.close();
        consecutive_timeouts_ = 0;
      }
      break;
    case DriveErrorKind::bad_frame:
      break;  // something answered, but garbled: neither proof of life nor of death
    default:
      consecutive_timeouts_ = 0;
      break;
  }
}

std::optional<std::string> DriveBus::restore_link() {
  const auto now = clock_->now();
  const auto wait_text = [this](Clock::time_point at) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(backoff_.next_attempt() - at);
    return "; the next attempt to reopen it is in " + std::to_string(left.count()) + " ms";
  };
  if (!backoff_.may_attempt(now)) return "the link is down" + wait_text(now);
  auto opened = link_.open();
  if (!opened) {
    backoff_.failed(now);
    return opened.error().detail + wait_text(now);
  }
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (channels_[i]->state() == AxisState::unconfigured) continue;
    if (auto failed = recheck(i)) {
      link_.close();
      backoff_.failed(now);
      return "the link reopened, but unit " + std::to_string(channels_[i]->unit()) +
             " failed its checks again (" + failed->detail + ")" + wait_text(now);
    }
  }
  backoff_.succeeded();
  consecutive_timeouts_ = 0;
  link_.statistics().count_reconnect();
  for (auto& channel : channels_) channel->statistics().count_reconnect();
  link_up_.store(true, std::memory_order_release);
  return std::nullopt;
}

std::optional<DriveError> DriveBus::recheck(std::size_t index) {
  auto& channel = *channels_[index];
  auto identity = check_identity(link_, channel);
  if (!identity) {
    if (is_transport_error(identity.error().kind)) return identity.error();
    // Another drive answers at this unit now: it is not commanded.
    channel.unconfigured();
    startup_problems_[index] = identity.error();
    return std::nullopt;
  }
  channel.connected(*identity);
  channel.forget_drive();
  if (channel.state() == AxisState::active) {
    auto set =
        set_watchdog(link_, channel, config_.drive_comm_timeout, config_.drive_comm_loss_action);
    if (!set) {
      if (is_transport_error(set.error().kind)) return set.error();
      channel.deactivated();
      startup_problems_[index] = set.error();
    }
  }
  return std::nullopt;
}

}  // namespace hal
