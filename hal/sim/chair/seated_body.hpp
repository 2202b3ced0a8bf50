#pragma once

#include <limits>
#include <optional>
#include <vector>

#include "sim/chair/body_config.hpp"
#include "units/units.hpp"

// The back's response to the rollers over time. The tissue is a standard linear solid: a spring
// in parallel with a spring-and-dashpot (Maxwell) arm, so that the force at a held depth jumps
// up and then relaxes over seconds toward a lower equilibrium, and recovers when released.
// Trigger-point nodules add stiffness that fades under sustained pressure (ischemic compression)
// and slowly returns when left alone.
namespace sim {

// Where the rollers are, from the travel, width and depth axes' true positions.
struct RollerPlace {
  units::Millimetres travel{0.0};
  units::Millimetres width{0.0};  // spacing of the two rollers' centres
  units::Millimetres depth{0.0};
};

class SeatedBody {
 public:
  explicit SeatedBody(BodyConfig config);

  [[nodiscard]] const BodyConfig& config() const { return config_; }
  // Another person (or the same with other settings) sits down: the tissue starts at rest.
  void seat(BodyConfig config);

  // The contact force with the rollers at `place`, given the tissue's present state.
  [[nodiscard]] units::Newtons force_at(const RollerPlace& place) const;
  // Lets `dt` seconds pass with the rollers at `place`: the tissue relaxes or recovers, nodules
  // under pressure soften.
  void relax(double dt, const RollerPlace& place);

  // 1 = fully taut, down to kReleasedTension after a long hold. One per configured nodule.
  [[nodiscard]] const std::vector<double>& nodule_tension() const { return tension_; }

  static constexpr double kReleasedTension = 0.25;

 private:
  [[nodiscard]] double stiffness_at(const RollerPlace& place) const;
  [[nodiscard]] double overlap(std::size_t nodule, const RollerPlace& place) const;

  BodyConfig config_;
  double viscous_ = 0.0;  // how far the Maxwell arm's dashpot has yielded, mm
  std::vector<double> tension_;
  // What lies under the rollers, the back's surface and the tissue's own stiffness (45 samples of
  // the anatomy), depends only on where they are along and across it; the physics asks for it
  // three times a step, and for seconds at one place during a hold: the last answer is kept.
  // Like the rest of this class, unguarded: its owner serialises.
  struct UnderTheRollers {
    double travel = std::numeric_limits<double>::quiet_NaN();  // never equal: the first asks
    double lateral = 0.0;
    std::optional<double> surface;    // mm, none where the rollers are off the back
    std::optional<double> stiffness;  // asked for only in contact
  };
  [[nodiscard]] UnderTheRollers& under(const RollerPlace& place) const;
  [[nodiscard]] double indentation(const RollerPlace& place) const;
  mutable UnderTheRollers under_;
};

}  // namespace sim
