#include "daemon/session/session_progress.hpp"

namespace session {

std::string_view to_string(SessionPhase phase) {
  switch (phase) {
    case SessionPhase::scanning:
      return "scanning";
    case SessionPhase::massaging:
      return "massaging";
    case SessionPhase::finished:
      return "finished";
    case SessionPhase::ended:
      return "ended";
  }
  return "ended";
}

std::string to_string(const WorkZone& zone) {
  auto out = anatomy::to_string(zone.top);
  if (zone.bottom != zone.top) out += " to " + anatomy::to_string(zone.bottom);
  out += ", " + zone.target;
  if (zone.side == anatomy::Side::both) return out + ", both sides";
  return out + ", " + std::string(anatomy::to_string(zone.side)) + " side";
}

void ProgressBoard::publish(SessionProgress progress) {
  const std::lock_guard lock(mutex_);
  progress_ = std::move(progress);
}

SessionProgress ProgressBoard::snapshot() const {
  const std::lock_guard lock(mutex_);
  return progress_;
}

void ProgressBoard::end(std::string why) {
  const std::lock_guard lock(mutex_);
  if (progress_.phase == SessionPhase::finished || progress_.phase == SessionPhase::ended) return;
  progress_.phase = SessionPhase::ended;
  progress_.outcome = std::move(why);
}

}  // namespace session
