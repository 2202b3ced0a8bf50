#include "daemon/safety/compression_hold.hpp"

namespace safety {

CompressionHold::CompressionHold(std::chrono::milliseconds max_hold,
                                 std::chrono::milliseconds release)
    : max_hold_(max_hold), release_(release) {}

void CompressionHold::observe(units::Newtons force, units::Millimetres travel,
                              units::Millimetres lateral, time_point now) {
  const bool contact = force >= kTouchForce;
  if (spot_ && (units::abs(travel - spot_->travel) > kSpotTravel ||
                units::abs(lateral - spot_->lateral) > kSpotLateral)) {
    spot_.reset();  // another spot: its own count
  }
  if (!spot_) {
    if (contact) spot_ = Spot{travel, lateral, now, std::nullopt, false};
    return;
  }
  if (contact) {
    spot_->lifted_at.reset();
  } else if (!spot_->lifted_at) {
    spot_->lifted_at = now;
  }
  if (spot_->lifted_at && now - *spot_->lifted_at >= release_) {
    spot_.reset();  // released long enough: the spot may be pressed again
    return;
  }
  if (now - spot_->since >= max_hold_ - kReleaseLead) spot_->releasing = true;
}

bool CompressionHold::must_release(time_point now) const {
  if (!spot_) return false;
  return spot_->releasing || now - spot_->since >= max_hold_ - kReleaseLead;
}

std::optional<std::chrono::nanoseconds> CompressionHold::held_for(time_point now) const {
  if (!spot_) return std::nullopt;
  return now - spot_->since;
}

}  // namespace safety
