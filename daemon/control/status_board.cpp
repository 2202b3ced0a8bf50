#include "daemon/control/status_board.hpp"

#include <spdlog/spdlog.h>

namespace control {

StatusBoard::StatusBoard(time_point now) {
  status_.state = ChairState::starting;
  status_.cause = "connecting to the drives";
  status_.since = now;
  status_.latched = true;
}

void StatusBoard::enter(ChairState state, std::string cause, time_point now) {
  const std::lock_guard lock(mutex_);
  if (status_.state == state && status_.cause == cause) return;
  if (status_.state != state) {
    status_.since = now;
    if (state != ChairState::fault) status_.fault.reset();
  }
  status_.state = state;
  status_.cause = std::move(cause);
  changed_ = true;
  spdlog::info("chair: {}", status_.describe());
}

void StatusBoard::latch(ChairState state, std::string cause, std::optional<safety::Fault> fault,
                        time_point now) {
  const std::lock_guard lock(mutex_);
  status_.state = state;
  status_.cause = std::move(cause);
  status_.since = now;
  status_.latched = true;
  status_.fault = std::move(fault);
  changed_ = true;
  spdlog::error("chair: {} ({}); the actuators quick-stop and the chair waits for a reset",
                status_.describe(), status_.cause);
}

void StatusBoard::unlatch() {
  const std::lock_guard lock(mutex_);
  status_.latched = false;
  changed_ = true;
}

void StatusBoard::shut_down(std::string cause, time_point now) {
  const std::lock_guard lock(mutex_);
  if (status_.state != ChairState::fault && status_.state != ChairState::emergency_stop) {
    status_.state = ChairState::stopping;
    status_.since = now;
  }
  status_.cause = std::move(cause);
  status_.latched = true;
  changed_ = true;
}

void StatusBoard::show_source(std::optional<SourceToken> source) {
  const std::lock_guard lock(mutex_);
  if (status_.source == source) return;
  status_.source = source;
  changed_ = true;
}

void StatusBoard::record(safety::Decision decision) {
  const std::lock_guard lock(mutex_);
  last_decision_ = std::move(decision);
}

void StatusBoard::publish(std::chrono::nanoseconds remaining) {
  Listener listener;
  ChairStatus copy;
  {
    const std::lock_guard lock(mutex_);
    session_remaining_ = remaining;
    if (!changed_) return;
    changed_ = false;
    listener = listener_;
    copy = status_;
  }
  if (listener) listener(copy);
}

ChairStatus StatusBoard::status() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

std::optional<safety::Decision> StatusBoard::last_decision() const {
  const std::lock_guard lock(mutex_);
  return last_decision_;
}

std::chrono::nanoseconds StatusBoard::session_remaining() const {
  const std::lock_guard lock(mutex_);
  return session_remaining_;
}

void StatusBoard::on_change(Listener listener) {
  const std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

}  // namespace control
