#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/anatomy/vertebral_level.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/chair_setpoint.hpp"
#include "daemon/safety/compression_hold.hpp"
#include "daemon/session/fitting.hpp"
#include "daemon/session/skipped_part.hpp"
#include "units/units.hpp"

// One step of a program (or a "hold here") being worked: each cycle it is shown the chair and
// says where the rollers go and how they press. Techniques implement it (compression, rolling,
// kneading and tapping, rest); the executor runs them in the program's order.
namespace session {

// What a step asks of the rollers in one cycle, in the chair's terms.
struct RollerAim {
  units::Millimetres travel{0.0};
  units::MillimetresPerSecond speed{0.0};  // along the track
  units::Millimetres lateral{0.0};         // each roller from the midline
  control::DepthSetpoint depth = control::DepthRetracted{};
  units::Rpm knead{0.0};
  units::Rpm tap{0.0};
  bool pressing = false;  // the rollers mean to press (engage_depth)
  // The force the step presses with: the depth drive's force limit is kept a little above it,
  // so that the rollers finding the back, or taking up slack, never overshoot it.
  std::optional<units::Newtons> force;
};

// A spot that released under a compression (docs/sessions.md, "Released spots").
struct ReleasedSpot {
  anatomy::VertebralLevel level = anatomy::VertebralLevel::T4;
  anatomy::Side side = anatomy::Side::both;
  int take_ups = 0;                 // slack taken up at the same force
  units::Millimetres advance{0.0};  // how much deeper the rollers went at that force
  std::chrono::nanoseconds at{0};   // run time of the program when it released
  bool operator==(const ReleasedSpot&) const = default;
};

// One control cycle as a step sees it.
struct StepCycle {
  const control::ChairMeasurement& measured;
  units::Newtons force;               // the contact force, smoothed
  std::chrono::nanoseconds dt{0};     // since the previous cycle; 0 on the program's first
  std::chrono::nanoseconds run_time;  // the program's, pauses left out
  // The supervisor's count of how long the rollers have pressed the spot they are on, kept the
  // same way from the same measurements, so that a hold never meets the supervisor's limit.
  const safety::CompressionHold& spot;
  hal::Clock::time_point now;           // the time `spot` counts in
  std::vector<ReleasedSpot>& released;  // where a step reports a spot that released
  std::vector<SkippedPart>& skipped;    // where a step reports a part it skipped (no back there)
};

class StepRunner {
 public:
  virtual ~StepRunner() = default;

  virtual RollerAim next(const StepCycle& cycle, const Fitting& fit) = 0;
  [[nodiscard]] virtual bool done() const = 0;
  // What it does now, for progress: "pressing, 2nd of 3 increments".
  [[nodiscard]] virtual std::string doing() const = 0;
  // The level and side a compression works; none for techniques that move along the back.
  [[nodiscard]] virtual std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> spot(
      const Fitting& fit) const = 0;
  // Its own estimate of its time left, once it knows better than the program's estimate (it
  // skipped a part of its span that has no back); none until then.
  [[nodiscard]] virtual std::optional<std::chrono::nanoseconds> left(const Fitting&) const {
    return std::nullopt;
  }
};

}  // namespace session
