#include "sim/chair/seated_body.hpp"

#include <algorithm>
#include <cmath>

#include "sim/chair/back_anatomy.hpp"

namespace sim {
namespace {

// Soft tissue stiffens as it is compressed: the elastic force is k·δ·(1 + δ/kStiffening).
constexpr double kStiffening = 30.0;  // mm
// The Maxwell arm: its spring is this fraction of the equilibrium stiffness, and it relaxes
// with this time constant, so a held press loses about a quarter of its force in ~15 s.
constexpr double kMaxwellFraction = 0.5;
constexpr double kRelaxationTime = 6.0;  // s
// Ischemic compression: a nodule pressed with kReleaseForce releases with kReleaseTime (the
// 30-90 s holds of the literature), faster under more pressure, not at all under kMinPressure;
// left alone it tightens again over kRecoveryTime.
constexpr double kReleaseForce = 20.0;   // N
constexpr double kReleaseTime = 40.0;    // s
constexpr double kMinPressure = 5.0;     // N
constexpr double kRecoveryTime = 600.0;  // s

}  // namespace

SeatedBody::SeatedBody(BodyConfig config) { seat(std::move(config)); }

void SeatedBody::seat(BodyConfig config) {
  check_body(config);
  config_ = std::move(config);
  viscous_ = 0.0;
  under_ = {};
  tension_.assign(config_.nodules.size(), 1.0);
}

double SeatedBody::overlap(std::size_t i, const RollerPlace& place) const {
  const auto& n = config_.nodules[i];
  const double along = (place.travel - n.travel).value();
  const double across = place.width.value() / 2.0 - n.lateral_offset.value();
  const double r = n.radius.value();
  return std::exp(-(along * along + across * across) / (2.0 * r * r));
}

SeatedBody::UnderTheRollers& SeatedBody::under(const RollerPlace& place) const {
  const double travel = place.travel.value();
  const double lateral = place.width.value() / 2.0;
  if (travel != under_.travel || lateral != under_.lateral) {
    under_ = {travel, lateral, surface_depth(config_, travel, lateral), std::nullopt};
  }
  return under_;
}

double SeatedBody::indentation(const RollerPlace& place) const {
  const auto& surface = under(place).surface;
  if (!surface) return 0.0;
  return std::max(place.depth.value() - *surface, 0.0);
}

double SeatedBody::stiffness_at(const RollerPlace& place) const {
  auto& here = under(place);
  if (!here.stiffness) here.stiffness = tissue_stiffness(config_, here.travel, here.lateral);
  const double tissue = *here.stiffness;
  double nodules = 0.0;
  for (std::size_t i = 0; i < config_.nodules.size(); ++i) {
    nodules += tissue * config_.nodules[i].extra_stiffness * tension_[i] * overlap(i, place);
  }
  return (tissue + nodules) * config_.stiffness_scale;
}

units::Newtons SeatedBody::force_at(const RollerPlace& place) const {
  const double d = indentation(place);
  if (d <= 0.0) return units::Newtons(0.0);
  const double k = stiffness_at(place);
  const double elastic = k * d * (1.0 + d / kStiffening);
  const double maxwell = kMaxwellFraction * k * (d - viscous_);
  return units::Newtons(std::max(elastic + maxwell, 0.0));
}

void SeatedBody::relax(double dt, const RollerPlace& place) {
  const double force = force_at(place).value();
  const double d = indentation(place);
  viscous_ += (d - viscous_) * (1.0 - std::exp(-dt / kRelaxationTime));
  for (std::size_t i = 0; i < tension_.size(); ++i) {
    const double pressure = force * overlap(i, place);
    if (pressure > kMinPressure) {
      const double rate = (pressure / kReleaseForce) / kReleaseTime;
      tension_[i] += (kReleasedTension - tension_[i]) * std::min(rate * dt, 1.0);
    } else {
      tension_[i] += (1.0 - tension_[i]) * dt / kRecoveryTime;
    }
  }
}

}  // namespace sim
