#include "daemon/control/chair_controller.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "daemon/control/park_position.hpp"
#include "daemon/safety/compression_hold.hpp"
#include "hal/variant/overloaded.hpp"

namespace control {
namespace {

using hal::AxisKind;

// Parking crosses the whole track at most: 1200 mm at 100 mm/s, with room to spare.
constexpr std::chrono::seconds kParkingTimeLimit{30};
constexpr units::Millimetres kRetracted{1.0};

}  // namespace

ChairController::ChairController(hal::ChairDrives& drives, const hal::Clock& clock,
                                 ControllerSettings settings)
    : drives_(&drives),
      clock_(&clock),
      carriage_(drives),
      supervisor_(settings.limits, std::move(settings.calibration)),
      faults_(settings.limits, settings.comm_loss_cycles),
      startup_(drives, settings.connect_retry),
      latch_(settings.reset_patience),
      shutdown_(settings.shutdown_patience),
      session_(supervisor_.session()),
      board_(clock.now()) {}

// ---- the cycle ----

CycleResult ChairController::cycle(std::chrono::microseconds budget) {
  const auto report = drives_->cycle(budget);
  const auto now = clock_->now();
  measured_ = measure(
      report, [this](AxisKind axis) { return carriage_.latest(axis); }, supervisor_.calibration());
  CycleResult result;
  result.buses_answered = report.all_ok();
  if (state() == ChairState::starting && !shutdown_.begun()) {
    if (auto cause = startup_.attempt(carriage_, now)) enter(ChairState::starting, *cause, now);
  }
  result.awaiting_drives = !startup_.ever_active();
  supervise(now);
  board_.publish(supervisor_.session().remaining(clock_->now()));
  return result;
}

void ChairController::supervise(time_point now) {
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
}

// The chair's states, and what a cycle does in each (chair_state.hpp draws the chart):
//   starting        DriveStartup reaches the drives; latched: a reset leads to homing
//   homing          HomingSequence, then parking             -> ready
//   ready           nothing moves; a session may start       -> running
//   running         SessionRunner's setpoint, reviewed       -> paused, stopping
//   paused          held at rest, rollers retracted          -> running, stopping
//   stopping        the rollers released, then parking       -> ready
//   fault, emergency_stop: quick-stopped and latched; a reset leads to homing
// From any state a fault or an emergency stop latches (enter_latched); a shutdown quick-stops.
void ChairController::advance(time_point now) {
  if (latch_.advance(carriage_, measured_, cycle_fault_, now)) enter_homing(now);
  shutdown_.advance(measured_, now);
  switch (state()) {
    case ChairState::homing:
      advance_homing(now);
      break;
    case ChairState::running:
      advance_session(now);
      break;
    case ChairState::paused:
    case ChairState::stopping:
      if (!shutdown_.begun()) advance_release(now);
      break;
    default:
      break;
  }
}

bool ChairController::watching_faults() const {
  switch (state()) {
    case ChairState::homing:
    case ChairState::ready:
    case ChairState::running:
    case ChairState::paused:
    case ChairState::stopping:
      return !shutdown_.begun();
    default:
      return false;
  }
}

void ChairController::take_emergency_stop(time_point now) {
  const auto source = mailbox_.take_emergency_stop();
  if (!source) return;
  latch_.refuse_reset("an emergency stop was requested by " + *source);
  if (state() == ChairState::emergency_stop) return;  // already latched: nothing changes
  if (state() == ChairState::fault) {
    spdlog::warn("chair: emergency stop requested by {} while in fault; the fault stays latched",
                 *source);
    return;
  }
  enter_latched(ChairState::emergency_stop, "requested by " + *source, std::nullopt, now);
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
  SetpointRequest request;
  try {
    request = session_.next(measured_, now);
  } catch (const std::exception& e) {
    spdlog::error("chair: the session's program failed: {}", e.what());
    begin_release(std::string("the program failed: ") + e.what(), now);
    return;
  }
  auto decision = supervisor_.review(request, measured_, now);
  apply(decision);
  const bool over = decision.session_over;
  board_.record(std::move(decision));
  if (over) {
    begin_release("the session's " + std::to_string(supervisor_.session().length().count()) +
                      " minutes are over",
                  now);
  } else if (session_.finished()) {
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
  board_.enter(state, std::move(cause), now);
}

void ChairController::enter_latched(ChairState state, std::string cause,
                                    std::optional<safety::Fault> fault, time_point now) {
  carriage_.quick_stop();  // first: the drives hear it before anything else
  stand_down();
  latch_.set(state == ChairState::fault ? "a fault occurred: " + cause
                                        : "an emergency stop occurred: " + cause);
  board_.latch(state, std::move(cause), std::move(fault), now);
}

void ChairController::enter_homing(time_point now) {
  board_.unlatch();
  homing_.emplace(
      ever_homed_ ? HomingSequence::Scope::lost_reference : HomingSequence::Scope::every_axis, now);
  enter(ChairState::homing, "homing", now);
}

void ChairController::begin_parking(time_point now) {
  parking_ =
      Parking{park_request(supervisor_.calibration(), supervisor_.limits().range_margin), now};
  enter(state(), "parking the rollers", now);
}

void ChairController::begin_release(std::string cause, time_point now) {
  drop_session();
  rest_ = supervisor_.at_rest(measured_);
  enter(ChairState::stopping, std::move(cause), now);
}

// Whatever the chair was doing stops: the session, homing, parking, the motion watched.
void ChairController::stand_down() {
  drop_session();
  homing_.reset();
  parking_.reset();
  faults_.expectations().clear();
}

void ChairController::drop_session() {
  session_.drop();
  board_.show_source(std::nullopt);
  rest_.reset();
}

// ---- commands ----

std::future<CommandReply> ChairController::reset() { return mailbox_.post(ResetLatch{}); }

StartedSource ChairController::start(std::unique_ptr<SetpointSource> source, Requester requester) {
  const SourceToken token{tokens_given_.fetch_add(1, std::memory_order_relaxed) + 1};
  return {token, mailbox_.post(StartSession{std::move(source), requester, token})};
}

std::future<CommandReply> ChairController::start_session(std::unique_ptr<SetpointSource> source) {
  return start(std::move(source), Requester::person).reply;
}

std::future<CommandReply> ChairController::pause() { return mailbox_.post(PauseSession{}); }
std::future<CommandReply> ChairController::resume() { return mailbox_.post(ResumeSession{}); }
std::future<CommandReply> ChairController::stop_session() { return mailbox_.post(StopSession{}); }
std::future<CommandReply> ChairController::extend_session() {
  return mailbox_.post(ExtendSession{});
}
std::future<CommandReply> ChairController::use_calibration(safety::Calibration calibration) {
  return mailbox_.post(UseCalibration{std::move(calibration)});
}
std::future<CommandReply> ChairController::shut_down() { return mailbox_.post(ShutDown{}); }

void ChairController::emergency_stop(std::string_view source) {
  drives_->quick_stop();  // from this thread, before any queue
  mailbox_.ring_emergency_stop(source);
}

void ChairController::carry_out_commands(time_point now) {
  for (auto& pending : mailbox_.take_commands()) carry_out(pending, now);
}

void ChairController::carry_out(PendingCommand& pending, time_point now) {
  auto& reply = pending.reply;
  if (shutdown_.begun() && !std::holds_alternative<ShutDown>(pending.command)) {
    reply.set_value({false, "the daemon is shutting down; the chair takes no commands"});
    return;
  }
  std::visit(variant::Overloaded{
                 [&](ResetLatch&) { begin_reset(reply, now); },
                 [&](StartSession& c) { reply.set_value(start_source(c, now)); },
                 [&](PauseSession&) { reply.set_value(pause_session(now)); },
                 [&](ResumeSession&) { reply.set_value(resume_session(now)); },
                 [&](StopSession&) { reply.set_value(stop(now)); },
                 [&](ExtendSession&) { reply.set_value(extend()); },
                 [&](UseCalibration& c) { reply.set_value(calibrate(c)); },
                 [&](ShutDown&) { begin_shutdown(reply, now); },
             },
             pending.command);
}

void ChairController::begin_reset(std::promise<CommandReply>& reply, time_point now) {
  latch_.begin_reset(reply, reset_refusal(), carriage_, measured_, now);
}

std::optional<std::string> ChairController::reset_refusal() const {
  if (!latch_.latched()) {
    return "nothing is latched: the chair is " + std::string(to_string(state()));
  }
  if (latch_.resetting()) return "a reset is already under way; wait for its answer";
  if (!carriage_.all_active()) {
    return "the chair is still connecting to its drives (" + startup_.problem() +
           "); check their power and wiring, then reset again";
  }
  return faults_.standing_cause(measured_);
}

CommandReply ChairController::start_source(StartSession& command, time_point now) {
  if (state() != ChairState::ready || latch_.latched()) {
    return {false, refusal("start a session", board_.current())};
  }
  if (!command.source) return {false, "cannot start a session: no program was given"};
  session_.start(command, now);
  board_.show_source(session_.token());
  const auto name = session_.name();
  enter(ChairState::running, name, now);
  return {true, "session started: " + name + "; the session's limit is " +
                    std::to_string(supervisor_.session().length().count()) + " min"};
}

CommandReply ChairController::pause_session(time_point now) {
  if (state() != ChairState::running) return {false, refusal("pause", board_.current())};
  session_.pause(now);
  rest_ = supervisor_.at_rest(measured_);
  enter(ChairState::paused, "the session is paused; the rollers are retracted", now);
  return {true, "paused: " + session_.remaining_text(now) + " left"};
}

CommandReply ChairController::resume_session(time_point now) {
  if (state() != ChairState::paused) return {false, refusal("resume", board_.current())};
  session_.resume(now);
  rest_.reset();
  enter(ChairState::running, session_.name(), now);
  return {true, "resumed: " + session_.remaining_text(now) + " left"};
}

CommandReply ChairController::stop(time_point now) {
  if (state() != ChairState::running && state() != ChairState::paused) {
    return {false, refusal("stop a session", board_.current())};
  }
  begin_release("the session was stopped", now);
  return {true, "stopping: the rollers retract and park"};
}

CommandReply ChairController::extend() {
  if (state() != ChairState::running && state() != ChairState::paused) {
    return {false, refusal("extend a session", board_.current())};
  }
  const auto extended = supervisor_.session().extend();
  if (!extended) return {false, "cannot extend the session: " + extended.error()};
  return {true, "the session's limit is now " + std::to_string(extended->count()) + " min"};
}

CommandReply ChairController::calibrate(UseCalibration& command) {
  const auto s = state();
  if (s == ChairState::running || s == ChairState::paused || s == ChairState::stopping) {
    return {false, refusal("change the calibration", board_.current())};
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
  if (!shutdown_.begin(reply, now)) return;
  carriage_.quick_stop();
  stand_down();
  latch_.set("the daemon is shutting down");
  board_.shut_down("shutting down: the actuators quick-stop", now);
  spdlog::info("chair: shutting down: quick stop of every drive");
}

}  // namespace control
