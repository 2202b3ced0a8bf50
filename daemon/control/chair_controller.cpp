#include "daemon/control/chair_controller.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "daemon/control/park_position.hpp"
#include "daemon/safety/compression_hold.hpp"

namespace control {
namespace {

using hal::AxisKind;
using time_point = hal::Clock::time_point;

// Parking crosses the whole track at most: 1200 mm at 100 mm/s, with room to spare.
constexpr std::chrono::seconds kParkingTimeLimit{30};
constexpr units::Millimetres kRetracted{1.0};

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string minutes_text(std::chrono::nanoseconds d) {
  const auto m = std::chrono::duration_cast<std::chrono::minutes>(d);
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(d - m);
  return std::to_string(m.count()) + " min " + std::to_string(s.count()) + " s";
}

}  // namespace

ChairController::ChairController(hal::ChairDrives& drives, const hal::Clock& clock,
                                 ControllerSettings settings)
    : drives_(&drives),
      clock_(&clock),
      settings_(std::move(settings)),
      carriage_(drives),
      supervisor_(settings_.limits, settings_.calibration),
      faults_(settings_.limits, settings_.comm_loss_cycles) {
  status_.state = ChairState::starting;
  status_.cause = "connecting to the drives";
  status_.since = clock.now();
  status_.latched = true;
}

// ---- the cycle ----

CycleResult ChairController::cycle(std::chrono::microseconds budget) {
  const auto report = drives_->cycle(budget);
  const auto now = clock_->now();
  measured_ = measure(
      report, [this](AxisKind axis) { return carriage_.latest(axis); }, supervisor_.calibration());
  CycleResult result;
  result.buses_answered = report.all_ok();
  if (state() == ChairState::starting) start_drives(now);
  result.awaiting_drives = !ever_active_;

  try {
    cycle_fault_ = faults_.observe(measured_, now);
    take_emergency_stop(now);
    if (cycle_fault_ && watching_faults()) {
      enter_latched(ChairState::fault, cycle_fault_->message(), cycle_fault_, now);
    }
    carry_out_commands(now);
    advance(now);
  } catch (const std::exception& e) {
    // A bug of the controller's own: stop the chair rather than guess what it meant to do.
    safety::Fault f;
    f.kind = safety::FaultKind::internal_error;
    f.detail = std::string(e.what()) + "; the chair was stopped to be safe; please report this";
    enter_latched(ChairState::fault, f.message(), f, now);
  }
  last_cycle_at_ = now;
  publish();
  return result;
}

bool ChairController::all_active() const {
  for (const auto axis : hal::kAllAxisKinds) {
    if (carriage_.state(axis) != hal::AxisState::active) return false;
  }
  return true;
}

bool ChairController::watching_faults() const {
  switch (state()) {
    case ChairState::homing:
    case ChairState::ready:
    case ChairState::running:
    case ChairState::paused:
    case ChairState::stopping:
      return !shutting_down_;
    default:
      return false;
  }
}

void ChairController::start_drives(time_point now) {
  if (all_active() || shutting_down_) return;
  if (next_connect_at_ && now < *next_connect_at_) return;
  next_connect_at_ = now + settings_.connect_retry;
  auto errors = drives_->connect();
  for (auto& e : drives_->activate()) errors.push_back(std::move(e));
  if (all_active()) {
    ever_active_ = true;
    last_connect_problem_.clear();
    spdlog::info("chair: every drive is connected and active");
    enter(ChairState::starting,
          "the drives are ready; the emergency-stop latch is set at start-up: reset the chair to "
          "home it",
          now);
    return;
  }
  const std::string problem =
      errors.empty() ? std::string("some drives are not active yet") : errors.front().message();
  if (problem != last_connect_problem_) {
    spdlog::warn("chair: cannot start every drive yet, trying again every {} ms: {}",
                 settings_.connect_retry.count(), problem);
    for (std::size_t i = 1; i < errors.size(); ++i) spdlog::debug("chair: {}", errors[i].message());
    last_connect_problem_ = problem;
  }
  enter(ChairState::starting, "connecting to the drives: " + problem, now);
}

void ChairController::take_emergency_stop(time_point now) {
  if (!emergency_stop_requested_.exchange(false, std::memory_order_acq_rel)) return;
  std::string source;
  {
    const std::lock_guard lock(shared_mutex_);
    source = emergency_stop_source_;
  }
  refuse_pending_reset("an emergency stop was requested by " + source);
  if (state() == ChairState::emergency_stop) return;  // already latched: nothing changes
  if (state() == ChairState::fault) {
    spdlog::warn("chair: emergency stop requested by {} while in fault; the fault stays latched",
                 source);
    return;
  }
  enter_latched(ChairState::emergency_stop, "requested by " + source, std::nullopt, now);
}

void ChairController::advance(time_point now) {
  advance_reset(now);
  advance_shutdown(now);
  switch (state()) {
    case ChairState::homing:
      advance_homing(now);
      break;
    case ChairState::running:
      advance_session(now);
      break;
    case ChairState::paused:
    case ChairState::stopping:
      if (!shutting_down_) advance_release(now);
      break;
    default:
      break;
  }
}

void ChairController::advance_homing(time_point now) {
  if (homing_) {
    const auto progress = homing_->step(carriage_, measured_, now);
    if (progress.failed) {
      enter_latched(ChairState::fault, progress.failed->message(), progress.failed, now);
      return;
    }
    if (!progress.done) {
      enter(ChairState::homing, progress.doing, now);
      return;
    }
    homing_.reset();
    ever_homed_ = true;
    begin_parking(now);
  }
  advance_parking(now);
}

void ChairController::begin_parking(time_point now) {
  parking_ =
      Parking{park_request(supervisor_.calibration(), supervisor_.limits().range_margin), now};
  enter(state(), "parking the rollers", now);
}

void ChairController::advance_parking(time_point now) {
  if (!parking_) return;
  apply(supervisor_.review(parking_->request, measured_, now));
  if (parked(parking_->request, measured_, supervisor_.calibration())) {
    parking_.reset();
    rest_.reset();
    enter(ChairState::ready, "", now);
    return;
  }
  if (now - parking_->since > kParkingTimeLimit) {
    safety::Fault f;
    f.kind = safety::FaultKind::homing_failed;
    f.detail = "the rollers did not reach their park position within " +
               std::to_string(kParkingTimeLimit.count()) +
               " s; check that nothing blocks the carriage";
    enter_latched(ChairState::fault, f.message(), f, now);
  }
}

void ChairController::advance_session(time_point now) {
  source_run_time_ += now - run_mark_;
  run_mark_ = now;
  SetpointRequest request;
  try {
    request = source_->next(measured_, source_run_time_);
  } catch (const std::exception& e) {
    spdlog::error("chair: the session's program failed: {}", e.what());
    begin_release(std::string("the program failed: ") + e.what(), now);
    return;
  }
  auto decision = supervisor_.review(request, measured_, now);
  apply(decision);
  const bool over = decision.session_over;
  {
    const std::lock_guard lock(shared_mutex_);
    last_decision_ = std::move(decision);
  }
  if (over) {
    begin_release("the session's " + std::to_string(supervisor_.session().length().count()) +
                      " minutes are over",
                  now);
  } else if (source_->finished()) {
    begin_release("the program finished", now);
  }
}

void ChairController::advance_release(time_point now) {
  if (parking_) {
    advance_parking(now);
    return;
  }
  if (!rest_) rest_ = supervisor_.at_rest(measured_);
  apply(*rest_);
  const bool released = measured_.depth <= supervisor_.calibration().depth.min + kRetracted &&
                        measured_.force < safety::kTouchForce;
  if (state() == ChairState::stopping && released) begin_parking(now);
}

void ChairController::apply(const safety::Decision& decision) {
  const auto refused =
      carriage_.apply(decision, supervisor_.calibration(), measured_, faults_.expectations());
  const std::string message = refused ? refused->message() : std::string();
  if (message != last_command_error_ && !message.empty()) {
    spdlog::warn("chair: the HAL refused a command: {}", message);
  }
  last_command_error_ = message;
}

// ---- transitions ----

void ChairController::enter(ChairState state, std::string cause, time_point now) {
  const std::lock_guard lock(shared_mutex_);
  if (status_.state == state && status_.cause == cause) return;
  if (status_.state != state) {
    status_.since = now;
    if (state != ChairState::fault) status_.fault.reset();
  }
  status_.state = state;
  status_.cause = std::move(cause);
  status_changed_ = true;
  spdlog::info("chair: {}", status_.describe());
}

void ChairController::enter_latched(ChairState state, std::string cause,
                                    std::optional<safety::Fault> fault, time_point now) {
  carriage_.quick_stop();  // first: the drives hear it before anything else
  drop_session();
  homing_.reset();
  parking_.reset();
  faults_.expectations().clear();
  refuse_pending_reset(state == ChairState::fault ? "a fault occurred: " + cause
                                                  : "an emergency stop occurred: " + cause);
  const std::lock_guard lock(shared_mutex_);
  status_.state = state;
  status_.cause = std::move(cause);
  status_.since = now;
  status_.latched = true;
  status_.fault = std::move(fault);
  status_changed_ = true;
  spdlog::error("chair: {} ({}); the actuators quick-stop and the chair waits for a reset",
                status_.describe(), status_.cause);
}

void ChairController::begin_release(std::string cause, time_point now) {
  drop_session();
  rest_ = supervisor_.at_rest(measured_);
  enter(ChairState::stopping, std::move(cause), now);
}

void ChairController::drop_session() {
  source_.reset();
  supervisor_.session().stop();
  source_run_time_ = std::chrono::nanoseconds{0};
  rest_.reset();
}

void ChairController::refuse_pending_reset(const std::string& why) {
  if (!reset_) return;
  spdlog::warn("chair: reset refused: {}", why);
  reset_->reply.set_value({false, "cannot reset: " + why});
  reset_.reset();
}

void ChairController::publish() {
  std::function<void(const ChairStatus&)> listener;
  ChairStatus copy;
  {
    const std::lock_guard lock(shared_mutex_);
    session_remaining_ = supervisor_.session().remaining(clock_->now());
    if (!status_changed_) return;
    status_changed_ = false;
    listener = on_status_;
    copy = status_;
  }
  if (listener) listener(copy);
}

// ---- commands ----

std::future<CommandReply> ChairController::submit(ChairCommand command) {
  PendingCommand pending{std::move(command), {}};
  auto future = pending.reply.get_future();
  const std::lock_guard lock(shared_mutex_);
  mailbox_.push_back(std::move(pending));
  return future;
}

std::future<CommandReply> ChairController::reset() { return submit(ResetLatch{}); }
std::future<CommandReply> ChairController::start_session(std::unique_ptr<SetpointSource> source) {
  return submit(StartSession{std::move(source)});
}
std::future<CommandReply> ChairController::pause() { return submit(PauseSession{}); }
std::future<CommandReply> ChairController::resume() { return submit(ResumeSession{}); }
std::future<CommandReply> ChairController::stop_session() { return submit(StopSession{}); }
std::future<CommandReply> ChairController::extend_session() { return submit(ExtendSession{}); }
std::future<CommandReply> ChairController::use_calibration(safety::Calibration calibration) {
  return submit(UseCalibration{std::move(calibration)});
}
std::future<CommandReply> ChairController::shut_down() { return submit(ShutDown{}); }

void ChairController::emergency_stop(std::string_view source) {
  drives_->quick_stop();  // from this thread, before any queue
  {
    const std::lock_guard lock(shared_mutex_);
    emergency_stop_source_ = std::string(source);
  }
  emergency_stop_requested_.store(true, std::memory_order_release);
}

ChairStatus ChairController::status() const {
  const std::lock_guard lock(shared_mutex_);
  return status_;
}

std::optional<safety::Decision> ChairController::last_decision() const {
  const std::lock_guard lock(shared_mutex_);
  return last_decision_;
}

std::chrono::nanoseconds ChairController::session_remaining() const {
  const std::lock_guard lock(shared_mutex_);
  return session_remaining_;
}

void ChairController::on_status_change(std::function<void(const ChairStatus&)> listener) {
  const std::lock_guard lock(shared_mutex_);
  on_status_ = std::move(listener);
}

void ChairController::carry_out_commands(time_point now) {
  std::vector<PendingCommand> commands;
  {
    const std::lock_guard lock(shared_mutex_);
    commands.swap(mailbox_);
  }
  for (auto& pending : commands) {
    if (shutting_down_ && !std::holds_alternative<ShutDown>(pending.command)) {
      pending.reply.set_value({false, "the daemon is shutting down; the chair takes no commands"});
      continue;
    }
    std::visit(Overloaded{
                   [&](ResetLatch&) { begin_reset(pending.reply, now); },
                   [&](StartSession& c) { pending.reply.set_value(start(c, now)); },
                   [&](PauseSession&) { pending.reply.set_value(pause_session(now)); },
                   [&](ResumeSession&) { pending.reply.set_value(resume_session(now)); },
                   [&](StopSession&) { pending.reply.set_value(stop(now)); },
                   [&](ExtendSession&) { pending.reply.set_value(extend()); },
                   [&](UseCalibration& c) { pending.reply.set_value(calibrate(c)); },
                   [&](ShutDown&) { begin_shutdown(pending.reply, now); },
               },
               pending.command);
  }
}

void ChairController::begin_reset(std::promise<CommandReply>& reply, time_point now) {
  const auto refuse = [&reply](const std::string& why) {
    spdlog::warn("chair: reset refused: {}", why);
    reply.set_value({false, "cannot reset: " + why});
  };
  if (!status_.latched) {
    refuse("nothing is latched: the chair is " + std::string(to_string(state())));
    return;
  }
  if (reset_) {
    refuse("a reset is already under way; wait for its answer");
    return;
  }
  if (!all_active()) {
    refuse("the chair is still connecting to its drives (" + last_connect_problem_ +
           "); check their power and wiring, then reset again");
    return;
  }
  if (auto cause = faults_.standing_cause(measured_)) {
    refuse(*cause);
    return;
  }
  reset_ = PendingReset{PendingReset::Phase::clearing_alarms, now + settings_.reset_patience,
                        std::move(reply)};
  for (const auto& sample : measured_.axes) {
    if (sample.reading && alarm_of(*sample.reading)) (void)carriage_.reset_fault(sample.kind);
  }
  spdlog::info("chair: reset requested: clearing the drives' alarms and enabling them");
}

std::optional<std::string> ChairController::alarms_standing() const {
  for (const auto& sample : measured_.axes) {
    if (!sample.fresh()) {
      return "no fresh status from " + safety::describe_drive(sample) + ": " +
             (sample.error ? sample.error->message() : std::string("no reading yet"));
    }
    if (const auto& alarm = alarm_of(*sample.reading)) {
      return safety::describe_drive(sample) + " still reports alarm " +
             std::to_string(alarm->code) + " (" + alarm->name + ") after a fault reset";
    }
  }
  return std::nullopt;
}

void ChairController::advance_reset(time_point now) {
  if (!reset_) return;
  if (reset_->phase == PendingReset::Phase::clearing_alarms) {
    if (const auto standing = alarms_standing()) {
      if (now > reset_->deadline) {
        refuse_pending_reset(*standing + ": the cause remains; remove it, then reset again");
      }
      return;
    }
    for (const auto axis : hal::kAllAxisKinds) {
      if (auto refused = carriage_.enable(axis)) {
        refuse_pending_reset(refused->message());
        return;
      }
    }
    reset_->phase = PendingReset::Phase::enabling;
    reset_->deadline = now + settings_.reset_patience;
    return;
  }
  if (cycle_fault_) {
    refuse_pending_reset(cycle_fault_->message());
    return;
  }
  for (const auto& sample : measured_.axes) {
    if (sample.fresh() && flags_of(*sample.reading).enabled) continue;
    if (now > reset_->deadline) {
      refuse_pending_reset(safety::describe_drive(sample) + " did not enable within " +
                           std::to_string(settings_.reset_patience.count()) +
                           " ms; check the drive, then reset again");
    }
    return;
  }
  // Every drive is enabled and holds where it stands: the latch clears.
  reset_->reply.set_value({true, "reset: the chair homes and parks its rollers, then it is ready"});
  reset_.reset();
  {
    const std::lock_guard lock(shared_mutex_);
    status_.latched = false;
    status_changed_ = true;
  }
  homing_.emplace(
      ever_homed_ ? HomingSequence::Scope::lost_reference : HomingSequence::Scope::every_axis, now);
  enter(ChairState::homing, "homing", now);
}

CommandReply ChairController::start(StartSession& command, time_point now) {
  if (state() != ChairState::ready || status_.latched) {
    return {false, refusal("start a session", status_)};
  }
  if (!command.source) return {false, "cannot start a session: no program was given"};
  source_ = std::move(command.source);
  source_run_time_ = std::chrono::nanoseconds{0};
  run_mark_ = now;
  supervisor_.session().start(now);
  const auto name = source_->name();
  enter(ChairState::running, name, now);
  return {true, "session started: " + name + "; the session's limit is " +
                    std::to_string(supervisor_.session().length().count()) + " min"};
}

CommandReply ChairController::pause_session(time_point now) {
  if (state() != ChairState::running) return {false, refusal("pause", status_)};
  source_run_time_ += now - run_mark_;
  supervisor_.session().pause(now);
  rest_ = supervisor_.at_rest(measured_);
  enter(ChairState::paused, "the session is paused; the rollers are retracted", now);
  return {true, "paused: " + minutes_text(supervisor_.session().remaining(now)) + " left"};
}

CommandReply ChairController::resume_session(time_point now) {
  if (state() != ChairState::paused) return {false, refusal("resume", status_)};
  supervisor_.session().resume(now);
  run_mark_ = now;
  rest_.reset();
  enter(ChairState::running, source_->name(), now);
  return {true, "resumed: " + minutes_text(supervisor_.session().remaining(now)) + " left"};
}

CommandReply ChairController::stop(time_point now) {
  if (state() != ChairState::running && state() != ChairState::paused) {
    return {false, refusal("stop a session", status_)};
  }
  begin_release("the session was stopped", now);
  return {true, "stopping: the rollers retract and park"};
}

CommandReply ChairController::extend() {
  if (state() != ChairState::running && state() != ChairState::paused) {
    return {false, refusal("extend a session", status_)};
  }
  const auto extended = supervisor_.session().extend();
  if (!extended) return {false, "cannot extend the session: " + extended.error()};
  return {true, "the session's limit is now " + std::to_string(extended->count()) + " min"};
}

CommandReply ChairController::calibrate(UseCalibration& command) {
  const auto s = state();
  if (s == ChairState::running || s == ChairState::paused || s == ChairState::stopping) {
    return {false, refusal("change the calibration", status_)};
  }
  try {
    supervisor_.set_calibration(std::move(command.calibration));
  } catch (const std::invalid_argument& e) {
    return {false, std::string("cannot use this calibration: ") + e.what()};
  }
  spdlog::info("chair: calibration {} in use",
               supervisor_.calibration().valid ? "(valid)" : "(not valid)");
  return {true, "calibration in use"};
}

void ChairController::begin_shutdown(std::promise<CommandReply>& reply, time_point now) {
  if (shutdown_) {
    reply.set_value({false, "a shutdown is already under way"});
    return;
  }
  carriage_.quick_stop();
  shutting_down_ = true;
  drop_session();
  homing_.reset();
  parking_.reset();
  faults_.expectations().clear();
  refuse_pending_reset("the daemon is shutting down");
  shutdown_ = PendingShutdown{now + settings_.shutdown_patience, std::move(reply)};
  {
    const std::lock_guard lock(shared_mutex_);
    if (status_.state != ChairState::fault && status_.state != ChairState::emergency_stop) {
      status_.state = ChairState::stopping;
      status_.since = now;
    }
    status_.cause = "shutting down: the actuators quick-stop";
    status_.latched = true;
    status_changed_ = true;
  }
  spdlog::info("chair: shutting down: quick stop of every drive");
}

void ChairController::advance_shutdown(time_point now) {
  if (!shutdown_) return;
  bool any_answer = false;
  std::optional<std::string> moving;
  for (const auto& sample : measured_.axes) {
    if (!sample.fresh()) continue;
    any_answer = true;
    const auto& flags = flags_of(*sample.reading);
    if (!moving && (flags.enabled || flags.moving)) {
      moving = "the " + std::string(hal::to_string(sample.kind)) + " axis still " +
               (flags.moving ? "moves" : "is enabled");
    }
  }
  const auto& depth = measured_.axis(AxisKind::depth);
  if (!moving && depth.fresh() && measured_.depth > kRetracted) {
    moving = "the rollers are not retracted yet";
  }
  CommandReply reply;
  if (!any_answer) {
    reply = {true, "no drive answers: each stops by itself once its communication timeout passes"};
  } else if (!moving) {
    reply = {true, "the actuators are in their safe state: stopped, rollers retracted, disabled"};
  } else if (now > shutdown_->deadline) {
    reply = {false, "the actuators did not reach their safe state within " +
                        std::to_string(settings_.shutdown_patience.count()) + " ms: " + *moving};
  } else {
    return;
  }
  spdlog::info("chair: {}", reply.message);
  shutdown_->reply.set_value(reply);
  shutdown_.reset();
}

}  // namespace control
