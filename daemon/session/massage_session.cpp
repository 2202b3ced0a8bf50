#include "daemon/session/massage_session.hpp"

#include <spdlog/spdlog.h>

#include "daemon/programs/duration_estimate.hpp"
#include "daemon/session/program_timeline.hpp"

namespace session {

MassageSession::MassageSession(programs::Program program, ChairSetup chair, SessionOptions options,
                               std::shared_ptr<LiveAdjustments> adjustments,
                               std::shared_ptr<ProgressBoard> progress)
    : program_(std::move(program)),
      chair_(std::move(chair)),
      options_(std::move(options)),
      adjustments_(std::move(adjustments)),
      board_(std::move(progress)),
      scan_(new_scan()) {
  step_count_ = timeline_of(program_).size();
  estimate_ = programs::estimated_duration(program_, programs::DurationModel{});
  publish_scanning();
}

MassageSession::~MassageSession() {
  if (!executor_ && !failed_) board_->end("the session ended during the body scan");
}

std::string MassageSession::name() const {
  const auto who = options_.person.empty() ? std::string() : " for " + options_.person;
  return "program \"" + program_.info.name + "\"" + who;
}

bool MassageSession::finished() const { return failed_ || (executor_ && executor_->finished()); }

std::unique_ptr<BodyScan> MassageSession::new_scan() const {
  return std::make_unique<BodyScan>(chair_.scan, chair_.geometry, chair_.calibration,
                                    chair_.limits);
}

void MassageSession::resumed() {
  if (!scan_) return;
  spdlog::info("session: the body scan was paused part-way; it starts again from the lower back");
  // The old scan is replaced, not ended: its outcome was never asked for.
  scan_ = new_scan();
  scan_start_ = last_run_time_;
  publish_scanning();
}

control::SetpointRequest MassageSession::next(const control::ChairMeasurement& measured,
                                              std::chrono::nanoseconds run_time) {
  last_run_time_ = run_time;
  if (scan_) {
    auto request = scan_->next(measured, run_time - scan_start_);
    if (!scan_->finished()) {
      publish_scanning();
      return request;
    }
    fit_the_body(scan_->outcome().get(), run_time);
    scan_.reset();
    if (failed_) return request;
  }
  if (!executor_) {
    control::SetpointRequest rest;
    rest.setpoint.travel = measured.travel;
    rest.setpoint.lateral = measured.lateral;
    return rest;
  }
  return executor_->next(measured, run_time - program_start_);
}

void MassageSession::fit_the_body(const ScanOutcome& outcome, std::chrono::nanoseconds run_time) {
  if (!outcome) {
    failed_ = true;
    spdlog::warn("session: {}", outcome.error().message);
    board_->end(outcome.error().message);
    return;
  }
  ShoulderPosition shoulder{outcome->shoulders, options_.kept_nudge_steps};
  const auto back_end = outcome->back_end;
  auto body = fit_body(shoulder, chair_.geometry, chair_.calibration, back_end);
  if (!body && shoulder.nudge_steps != 0) {
    // The kept correction no longer fits this scan (the person sits differently today): the
    // scan alone places the body, and the person may nudge again.
    spdlog::warn(
        "session: the kept shoulder correction of {} steps does not fit today's scan "
        "({}); using the scan alone",
        shoulder.nudge_steps, body.error());
    shoulder.nudge_steps = 0;
    body = fit_body(shoulder, chair_.geometry, chair_.calibration, back_end);
  }
  if (!body) {
    failed_ = true;
    const auto why = "the body scan placed the shoulders where no back fits: " + body.error();
    spdlog::warn("session: {}", why);
    board_->end(why);
    return;
  }
  spdlog::info("session: the shoulders are at {:.0f} mm (scanned {:.0f} mm, nudged {} steps)",
               shoulder.travel().value(), shoulder.scanned.value(), shoulder.nudge_steps);
  if (body->back_end()) {
    spdlog::info(
        "session: the back leaves the rollers at {:.0f} mm on the track, above where the chair "
        "puts S1 ({:.0f} mm): the levels are fitted from C7 at {:.0f} mm to S1 at {:.0f} mm, a "
        "little above it",
        body->back_end()->value(),
        (chair_.geometry.seat_travel - chair_.geometry.s1_above_seat).value(),
        body->travel_of(anatomy::VertebralLevel::C7).value(),
        body->travel_of(anatomy::VertebralLevel::S1).value());
  }
  program_start_ = run_time;
  executor_ = std::make_unique<ProgramExecutor>(
      program_,
      Fitting(std::move(*body), chair_.limits, chair_.calibration, options_.most_intensity),
      shoulder, adjustments_, board_);
}

void MassageSession::publish_scanning() {
  SessionProgress p;
  p.phase = SessionPhase::scanning;
  p.program_id = program_.info.id;
  p.program_name = program_.info.name;
  p.step_count = step_count_;
  p.doing = scan_ ? scan_->doing() : std::string("scanning");
  p.remaining = estimate_;
  board_->publish(std::move(p));
}

}  // namespace session
