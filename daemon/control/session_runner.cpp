#include "daemon/control/session_runner.hpp"

namespace control {
namespace {

Purpose purpose_for(Requester requester, Purpose asked) {
  if (requester == Requester::technician) return Purpose::service;
  return asked == Purpose::body_scan ? Purpose::body_scan : Purpose::massage;
}

}  // namespace

void SessionRunner::start(StartSession& command, time_point now) {
  source_ = std::move(command.source);
  requester_ = command.requester;
  token_ = command.token;
  run_time_ = std::chrono::nanoseconds{0};
  run_mark_ = now;
  timer_->start(now);
}

void SessionRunner::pause(time_point now) {
  run_time_ += now - run_mark_;
  timer_->pause(now);
}

void SessionRunner::resume(time_point now) {
  timer_->resume(now);
  run_mark_ = now;
  if (source_) source_->resumed();
}

void SessionRunner::drop() {
  source_.reset();
  timer_->stop();
  run_time_ = std::chrono::nanoseconds{0};
}

SetpointRequest SessionRunner::next(const ChairMeasurement& measured, time_point now) {
  run_time_ += now - run_mark_;
  run_mark_ = now;
  auto request = source_->next(measured, run_time_);
  request.context.purpose = purpose_for(requester_, request.context.purpose);
  return request;
}

std::string SessionRunner::remaining_text(time_point now) const {
  const auto left = timer_->remaining(now);
  const auto m = std::chrono::duration_cast<std::chrono::minutes>(left);
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(left - m);
  return std::to_string(m.count()) + " min " + std::to_string(s.count()) + " s";
}

}  // namespace control
