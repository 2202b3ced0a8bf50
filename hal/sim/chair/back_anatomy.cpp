#include "sim/chair/back_anatomy.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sim {
namespace {

// Surface depths (mm of roller protrusion before contact).
constexpr double kShoulderSurface = 14.0;   // where the thoracic and lumbar curves meet the ends
constexpr double kThoracicBow = 8.0;        // the kyphosis comes this much closer
constexpr double kLumbarHollow = 10.0;      // the lordosis lies this much farther away
constexpr double kThoracicEnd = 0.55;       // back fraction where the lumbar curve starts (≈T12)
constexpr double kRenalEnd = 0.75;          // back fraction where the kidneys end (≈L3)
constexpr double kShoulderRounding = 15.0;  // radius of the shoulders' top, mm
constexpr double kShoulderReach = 40.0;     // above this much over the shoulders: nothing
constexpr double kBackEndRounding = 40.0;   // radius of the back's curve away below its end, mm
constexpr double kSpineGroove = 3.0;        // the midline lies this much deeper
constexpr double kGrooveWidth = 12.0;

// Tissue stiffness for the roller pair, N/mm, by zone across the back (the muscles' bands as
// docs/programs.md, "Where on the back", gives them; lateral from the midline).
constexpr double kSpinousProcess = 20.0;  // 0 cm: bone; never press here
constexpr double kSpineHalfWidth = 12.0;
constexpr double kMultifidusLongissimus = 2.5;  // about 1-4 cm
constexpr double kIliocostalis = 2.0;           // about 4-8 cm
constexpr double kRibs = 5.0;                   // beyond 8 cm
constexpr double kScapulaEdge = 10.0;           // the shoulder blade's inner edge, 5-7.5 cm, T2-T7
constexpr double kKidneyFlank = 1.2;            // T12-L3, lateral: soft, no deep pressure
constexpr double kButtocks = 1.5;               // below the seat line
constexpr double kRollerHalfWidth = 12.0;
constexpr double kContactHalfLength = 10.0;  // along the track, pressed into the back

// `fraction` of the back (back_fraction), `lateral` from the midline, `below_seat` under the
// seat line. Below a back that ends above the seat lie the lower back's muscles over the sacrum.
double point_stiffness(double fraction, double lateral, bool below_seat) {
  if (lateral < kSpineHalfWidth) return kSpinousProcess;
  if (below_seat) return kButtocks;
  const bool scapular = fraction >= 0.02 && fraction <= 0.40;  // ≈T2..T7
  if (scapular && lateral >= 50.0 && lateral <= 75.0) return kScapulaEdge;
  const bool renal = fraction >= kThoracicEnd && fraction <= kRenalEnd;  // ≈T12..L3
  if (renal && lateral >= 60.0) return kKidneyFlank;
  if (lateral < 40.0) return kMultifidusLongissimus;
  if (lateral < 80.0) return kIliocostalis;
  return kRibs;
}

double curve_depth(double fraction) {
  if (fraction <= 0.0) return kShoulderSurface;
  if (fraction <= kThoracicEnd) {
    return kShoulderSurface - kThoracicBow * std::sin(std::numbers::pi * fraction / kThoracicEnd);
  }
  if (fraction <= 1.0) {
    return kShoulderSurface +
           kLumbarHollow *
               std::sin(std::numbers::pi * (fraction - kThoracicEnd) / (1.0 - kThoracicEnd));
  }
  return kShoulderSurface;
}

}  // namespace

double back_end(const BodyConfig& body) {
  return body.seat_travel.value() - body.back_end_above_seat.value();
}

double back_fraction(const BodyConfig& body, double travel) {
  const double shoulder = body.shoulder_travel.value();
  return (travel - shoulder) / (back_end(body) - shoulder);
}

double lean(const BodyConfig& body, double travel) {
  const double shoulder = body.shoulder_travel.value();
  const double toward_seat = (travel - shoulder) / (body.seat_travel.value() - shoulder);
  return body.sitting_forward.value() * std::clamp(toward_seat, 0.0, 1.0);
}

std::optional<double> surface_depth(const BodyConfig& body, double travel, double lateral_offset) {
  if (!body.seated) return std::nullopt;
  const double above = body.shoulder_travel.value() - travel;
  if (above > kShoulderReach) return std::nullopt;
  double depth = curve_depth(back_fraction(body, travel));
  if (above > 0.0) depth += above * above / (2.0 * kShoulderRounding);
  const double below = travel - back_end(body);
  if (body.back_end_above_seat.value() > 0.0 && below > 0.0) {
    depth += below * below / (2.0 * kBackEndRounding);
  }
  depth += lean(body, travel);
  const double g = lateral_offset / kGrooveWidth;
  return depth + kSpineGroove * std::exp(-g * g);
}

BackRegion back_region(const BodyConfig& body, double travel) {
  const double fraction = back_fraction(body, travel);
  if (fraction < 0.0) return BackRegion::neck;
  if (fraction < kThoracicEnd) return BackRegion::thoracic;
  if (fraction <= kRenalEnd) return BackRegion::kidney_zone;
  return BackRegion::lumbar;
}

double tissue_stiffness(const BodyConfig& body, double travel, double lateral_offset) {
  // A roller is about 24 mm wide and, pressed into the back, touches it over about 20 mm along
  // the track: average what lies under it.
  constexpr int kAcross = 9;
  constexpr int kAlong = 5;
  double sum = 0.0;
  for (int j = 0; j < kAlong; ++j) {
    const double at = travel - kContactHalfLength +
                      2.0 * kContactHalfLength * static_cast<double>(j) / (kAlong - 1);
    const double fraction = back_fraction(body, at);
    for (int i = 0; i < kAcross; ++i) {
      const double x = lateral_offset - kRollerHalfWidth +
                       2.0 * kRollerHalfWidth * static_cast<double>(i) / (kAcross - 1);
      sum += point_stiffness(fraction, std::abs(x), at > body.seat_travel.value());
    }
  }
  return sum / (kAcross * kAlong);
}

}  // namespace sim
