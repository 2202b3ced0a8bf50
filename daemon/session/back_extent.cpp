#include "daemon/session/back_extent.hpp"

#include <algorithm>

#include "daemon/session/contact_press.hpp"
#include "daemon/session/rolling_runner.hpp"
#include "daemon/session/sweep_runner.hpp"
#include "hal/variant/overloaded.hpp"

namespace session {
namespace {

using std::chrono::nanoseconds;

// Within this of a spot without a back, there is none either; the rollers touching the back this
// far beyond a known end move it.
constexpr units::Millimetres kSamePlace{5.0};

nanoseconds seconds(double s) {
  return std::chrono::duration_cast<nanoseconds>(std::chrono::duration<double>(s));
}

// What a step without a back costs: the rollers reach out as far as they go and wait there.
nanoseconds search_time(const safety::SafetyLimits& limits) {
  return seconds(kBackReach.value() / limits.depth_speed_near_body.value()) + kAtFullReach;
}

}  // namespace

bool BackExtent::lost(const SkippedPart& part, const bodymap::BodyMap& body) {
  // The last place with a back: where the rollers last touched it, or just short of a spot
  // where there was none.
  auto travel = part.travel;
  auto where = part.where;
  if (where == MissingBack::at) {
    // The back leaves the rollers near the seat or over the shoulders: whichever is nearer.
    const auto middle = (body.travel_of(anatomy::VertebralLevel::C7) +
                         body.travel_of(anatomy::VertebralLevel::S1)) /
                        2.0;
    where = travel > middle ? MissingBack::below : MissingBack::above;
    travel += where == MissingBack::below ? -kSamePlace : kSamePlace;
  }
  auto& end = where == MissingBack::below ? below_ : above_;
  const auto moved =
      where == MissingBack::below ? (!end || travel < *end) : (!end || travel > *end);
  if (moved) end = travel;
  return moved;
}

bool BackExtent::observe(const control::ChairMeasurement& measured) {
  if (measured.force < kContactForce) return false;
  bool changed = false;
  if (below_ && measured.travel > *below_ + kSamePlace) {
    below_ = measured.travel;
    changed = true;
  }
  if (above_ && measured.travel < *above_ - kSamePlace) {
    above_ = measured.travel;
    changed = true;
  }
  return changed;
}

bool BackExtent::beyond(units::Millimetres travel) const {
  return (below_ && travel > *below_) || (above_ && travel < *above_);
}

nanoseconds BackExtent::estimate(programs::Step step, const programs::DurationModel& model,
                                 const safety::SafetyLimits& limits) const {
  const auto& body = model.largest_body;
  if (auto* rolling = std::get_if<programs::Rolling>(&step)) {
    rolling->speed = std::min(rolling->speed, limits.travel_speed_near_body);
  }
  const auto whole = nanoseconds(programs::estimated_duration(step, model));
  if (!below_ && !above_) return whole;
  // What is left of a stretch of the track short of the known ends, as the runners turn there.
  const auto with_a_back = [&](units::Millimetres upper, units::Millimetres lower) {
    if (below_) lower = std::min(lower, *below_ - kTurnShortBy);
    if (above_) upper = std::max(upper, *above_ + kTurnShortBy);
    return lower - upper;
  };
  const auto stroke = [&](const programs::LevelSpan& span) {
    return with_a_back(body.travel_of(span.top), body.travel_of(span.bottom));
  };
  // A sweep works at least kSweepReach either side of a short span's middle.
  const auto sweep = [&](const programs::LevelSpan& span) {
    auto upper = body.travel_of(span.top);
    auto lower = body.travel_of(span.bottom);
    if (lower - upper < kSweepReach * 2.0) {
      const auto middle = (upper + lower) / 2.0;
      upper = middle - kSweepReach;
      lower = middle + kSweepReach;
    }
    return with_a_back(upper, lower) >= kSweepReach;
  };
  return std::visit(
      variant::Overloaded{
          [&](const programs::Compression& c) {
            return beyond(body.travel_of(c.level)) ? search_time(limits) : whole;
          },
          [&](const programs::Rolling& r) {
            const auto length = stroke(r.span);
            if (length < kShortestStroke) return search_time(limits);
            return seconds(length.value() / r.speed.value() * r.passes);
          },
          [&](const programs::Kneading& k) { return sweep(k.span) ? whole : search_time(limits); },
          [&](const programs::Tapping& t) { return sweep(t.span) ? whole : search_time(limits); },
          [&](const auto&) { return whole; }},
      step);
}

}  // namespace session
