#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "sim/observer/body_scan_watch.hpp"
#include "sim/observer/finding_log.hpp"
#include "sim/observer/hold_watch.hpp"
#include "sim/observer/motion_watch.hpp"
#include "sim/observer/observed_world.hpp"
#include "sim/observer/observer_thresholds.hpp"

// An independent witness of the simulated chair's safety: it watches the world (where the rollers
// are, how hard the back presses on them, how the axes move, what state the drives are in, the
// seated body's own anatomy), never the commands, and knows nothing of the daemon. Fed once per
// physics step; when nothing is wrong it allocates nothing.
namespace sim {

class SafetyObserver {
 public:
  explicit SafetyObserver(ObserverThresholds limits = {}, std::size_t capacity = 1000);

  // Someone (else) sat down, or stood up: their back is not yet scanned.
  void seat();
  void observe(const ObservedWorld& world);

  [[nodiscard]] const std::vector<Finding>& findings() const { return log_.findings(); }
  // Findings beyond the capacity, counted and not kept.
  [[nodiscard]] std::size_t dropped() const { return log_.dropped(); }
  [[nodiscard]] bool body_scanned() const { return scan_.scanned(); }
  [[nodiscard]] const ObserverThresholds& thresholds() const { return limits_; }
  // Told of each finding as it begins (under the chair's lock: keep it short).
  void set_listener(FindingLog::Listener listener) { log_.set_listener(std::move(listener)); }

 private:
  ObserverThresholds limits_;
  FindingLog log_;
  HoldWatch hold_;
  BodyScanWatch scan_;
  MotionWatch motion_;
};

}  // namespace sim
