#include "daemon/api/transport/output_drain.hpp"

namespace massaged {

void OutputDrain::waiting(Clock::time_point now) {
  if (!since_) since_ = now;
}

void OutputDrain::took(Clock::time_point now) { since_ = now; }

void OutputDrain::drained() { since_.reset(); }

std::optional<OutputDrain::Clock::time_point> OutputDrain::deadline() const {
  if (!since_) return std::nullopt;
  return *since_ + send_timeout_;
}

bool OutputDrain::stalled(Clock::time_point now) const {
  const auto until = deadline();
  return until && now >= *until;
}

}  // namespace massaged
