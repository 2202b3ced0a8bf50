#pragma once

#include <optional>
#include <vector>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/anatomy/vertebral_level.hpp"
#include "daemon/bodymap/body_map.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/chair_setpoint.hpp"
#include "daemon/programs/intensity.hpp"
#include "daemon/programs/lateral_target.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/session/chair_placement.hpp"
#include "units/units.hpp"

// How a program fits the person in the chair right now: the body map (from the scan and their
// nudges), where the focus was moved, how much stronger or lighter they asked for, their own
// maximum, and the spots they called tender. A program's steps ask it where a level lies and
// what force an intensity means there. The control loop's thread owns it; the person's changes
// reach it through LiveAdjustments.
namespace session {

// A spot the person called tender: worked more gently for the rest of the session.
struct TenderSpot {
  anatomy::VertebralLevel level = anatomy::VertebralLevel::T4;
  anatomy::Side side = anatomy::Side::both;
  int most_intensity = 1;  // the firmest intensity used there from then on
  bool operator==(const TenderSpot&) const = default;
};

// A tender spot is worked at least this many intensity steps lighter than when it hurt.
inline constexpr int kTenderEasing = 2;

// Rollers moving along the back (rolling, kneading, tapping) meet bone on the way, the ribs and
// the edges of the shoulder blades, where the same depth presses several times harder than on
// muscle. They press against this share of the region's ceiling instead of the whole of it
// (never against less than kMovingFloor, nor more than the ceiling): light to moderate.
inline constexpr double kMovingShare = 0.35;
inline constexpr units::Newtons kMovingFloor{4.5};

// The depth drive may not push more than this share, plus kForceSlack, past the force a step
// presses with.
inline constexpr double kForceHeadroom = 1.2;
inline constexpr units::Newtons kForceSlack{1.0};

class Fitting {
 public:
  Fitting(bodymap::BodyMap body, safety::SafetyLimits limits, safety::Calibration calibration,
          programs::Intensity most_intensity);

  [[nodiscard]] const bodymap::BodyMap& body() const { return body_; }
  void use_body(bodymap::BodyMap body) { body_ = std::move(body); }
  [[nodiscard]] const safety::SafetyLimits& limits() const { return limits_; }
  [[nodiscard]] const safety::Calibration& calibration() const { return calibration_; }

  // Levels up (negative) or down the back that the person moved the work.
  [[nodiscard]] int focus_shift() const { return focus_shift_; }
  void set_focus_shift(int levels) { focus_shift_ = levels; }
  // Intensity steps the person added (negative: took away).
  [[nodiscard]] int intensity_shift() const { return intensity_shift_; }
  void set_intensity_shift(int steps) { intensity_shift_ = steps; }
  [[nodiscard]] programs::Intensity most_intensity() const { return most_; }

  // The level a program's level becomes with the focus moved; a muscle is never aimed at a level
  // it does not reach (the rhomboid stays within C7..T5).
  [[nodiscard]] anatomy::VertebralLevel focus(anatomy::VertebralLevel level,
                                              const programs::LateralTarget& target) const;
  // A spot on this chair, the focus moved.
  [[nodiscard]] ChairPlacement place(anatomy::VertebralLevel level,
                                     const programs::LateralTarget& target) const;

  // The intensity a step written with `written` works at on `level` and `side`: the person's
  // shift, their maximum and any tender cap there applied; 1..10.
  [[nodiscard]] int intensity(programs::Intensity written, anatomy::VertebralLevel level,
                              anatomy::Side side) const;
  // The contact force for that intensity with the rollers at `here`, heading for `there`.
  [[nodiscard]] units::Newtons force(programs::Intensity written, anatomy::VertebralLevel level,
                                     anatomy::Side side, units::Millimetres here,
                                     units::Millimetres there) const;

  // The same for rollers moving along the back (kMovingShare).
  [[nodiscard]] units::Newtons moving_force(programs::Intensity written,
                                            anatomy::VertebralLevel level, anatomy::Side side,
                                            units::Millimetres here,
                                            units::Millimetres there) const;

  // The spot is tender: from now on it is worked kTenderEasing intensity steps lighter than
  // `hurt_at`, or lighter still if it was capped before. Returns the spot as kept.
  TenderSpot mark_tender(anatomy::VertebralLevel level, anatomy::Side side, int hurt_at);
  [[nodiscard]] const std::vector<TenderSpot>& tender_spots() const { return tender_; }

  // What the supervisor must know about a request of a massage with the rollers at `here`,
  // heading for `there`: the body map, whether the rollers mean to press, and the person's own
  // maximum as a force there; when the step presses with `force`, the maximum passed on is at
  // most kForceHeadroom above it (the depth drive's force limit comes from it).
  [[nodiscard]] control::SetpointContext context(bool pressing, units::Millimetres here,
                                                 units::Millimetres there,
                                                 std::optional<units::Newtons> force) const;

 private:
  bodymap::BodyMap body_;
  safety::SafetyLimits limits_;
  safety::Calibration calibration_;
  programs::Intensity most_;
  int focus_shift_ = 0;
  int intensity_shift_ = 0;
  std::vector<TenderSpot> tender_;
};

}  // namespace session
