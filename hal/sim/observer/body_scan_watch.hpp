#pragma once

#include "sim/observer/finding_log.hpp"
#include "sim/observer/observed_world.hpp"
#include "sim/observer/observer_thresholds.hpp"

// Nothing presses a person's back before the chair has found where it lies. What the hardware
// shows of a body scan is one climb: the carriage moving up the back (toward the top of the
// track) with the rollers touching it lightly, never harder than the scan's press, from the
// middle of the back or lower up to the top of the shoulders, where the back falls away. Until
// such a climb has been seen since the person sat down, any contact firmer than the scan's press
// is a finding.
namespace sim {

class BodyScanWatch {
 public:
  // Someone (else) sits down: their back has not been scanned.
  void seat();
  void check(const ObservedWorld& world, const UnderRollers& under,
             const ObserverThresholds& limits, FindingLog& log);
  [[nodiscard]] bool scanned() const { return scanned_; }

 private:
  void restart_climb(units::Millimetres travel);

  bool scanned_ = false;
  // The climb under way: the highest place the carriage reached, and the lowest and highest
  // places (travel) where the rollers touched the back on the way.
  units::Millimetres top_{0.0};
  bool touched_ = false;
  units::Millimetres lowest_touch_{0.0};
  units::Millimetres highest_touch_{0.0};
};

}  // namespace sim
