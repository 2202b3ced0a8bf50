#pragma once

#include <chrono>
#include <optional>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/programs/duration_estimate.hpp"
#include "daemon/programs/step.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/session/skipped_part.hpp"
#include "units/units.hpp"

// Where the back ends on the track as a session finds it, from the parts its steps skipped: no
// back below one place (toward the seat) or above another. The program's time left is estimated
// for the back so found, each later step counting only the part of it that has a back, so that
// the estimate stays true when parts are skipped. The steps themselves still look for the back
// wherever they work (the search is short), and the rollers touching it beyond a known end (they
// reached farther there, or the person sat back) move that end.
namespace session {

class BackExtent {
 public:
  // A step skipped `part` on `body`. True when the known ends moved.
  bool lost(const SkippedPart& part, const bodymap::BodyMap& body);
  // The rollers' measurement this cycle. True when they touch the back beyond a known end, which
  // then moves there.
  bool observe(const control::ChairMeasurement& measured);

  // How long `step` takes on this body (rolling no faster than the supervisor lets the rollers
  // travel near the body), counting only the part of it with a back; a step with none counts
  // the rollers' search for it.
  [[nodiscard]] std::chrono::nanoseconds estimate(programs::Step step,
                                                  const programs::DurationModel& model,
                                                  const safety::SafetyLimits& limits) const;

  [[nodiscard]] std::optional<units::Millimetres> no_back_below() const { return below_; }
  [[nodiscard]] std::optional<units::Millimetres> no_back_above() const { return above_; }

 private:
  [[nodiscard]] bool beyond(units::Millimetres travel) const;

  std::optional<units::Millimetres> below_;
  std::optional<units::Millimetres> above_;
};

}  // namespace session
