#include "daemon/bodymap/body_map.hpp"

#include <stdexcept>
#include <string>

namespace bodymap {
namespace {

using units::Millimetres;

// Relative heights of the gaps between successive levels, C7→T1 first and L5→S1 last: a
// vertebral body and its disc grow from the neck down (about 17 mm at C7 to 34 mm in the lumbar
// spine in a medium adult, C7 to S1 about 45 cm).
constexpr std::array<double, anatomy::kLevelCount - 1> kGapWeights = {1.7,                 // C7-T1
                                                                      2.0, 2.0, 2.0, 2.0,  // T1-T5
                                                                      2.2, 2.2, 2.2, 2.2,  // T5-T9
                                                                      2.5, 2.5, 2.5, 2.5,  // T9-L1
                                                                      3.4, 3.4, 3.4, 3.4,  // L1-L5
                                                                      3.2};                // L5-S1

// Shorter than any adult back in a chair: the scan found no back.
constexpr Millimetres kShortestSpine{250};

}  // namespace

BodyMap::BodyMap(Millimetres shoulder_travel, const ChairGeometry& geometry,
                 std::optional<Millimetres> back_end)
    : shoulder_(shoulder_travel) {
  const auto c7 = shoulder_travel + geometry.c7_below_shoulder;
  auto s1 = geometry.seat_travel - geometry.s1_above_seat;
  if (back_end && *back_end - kBackEndMargin < s1) {
    s1 = *back_end - kBackEndMargin;
    back_end_ = back_end;
  }
  if (s1 - c7 < kShortestSpine) {
    const auto mm = [](Millimetres m) { return std::to_string(static_cast<int>(m.value())); };
    throw std::invalid_argument(
        back_end_ ? "the shoulders found at " + mm(shoulder_travel) +
                        " mm on the track and the back's end found at " + mm(*back_end_) +
                        " mm leave less than " + mm(kShortestSpine) +
                        " mm of spine between them; sit back against the backrest and scan "
                        "again, or move the shoulder position up"
                  : "the shoulders found at " + mm(shoulder_travel) +
                        " mm on the track leave less than " + mm(kShortestSpine) +
                        " mm of spine above the seat; redo the body scan or move the shoulder "
                        "position up");
  }
  travel_ = placed(c7, s1);
  if (back_end_) unfitted_ = placed(c7, geometry.seat_travel - geometry.s1_above_seat);
}

BodyMap::Placement BodyMap::placed(Millimetres c7, Millimetres s1) {
  double total = 0;
  for (const auto w : kGapWeights) total += w;
  double along = 0;
  Placement travel{};
  travel[0] = c7;
  for (std::size_t i = 1; i < anatomy::kLevelCount; ++i) {
    along += kGapWeights[i - 1];
    travel[i] = c7 + (s1 - c7) * (along / total);
  }
  return travel;
}

anatomy::VertebralLevel BodyMap::nearest(const Placement& travel_of, Millimetres travel) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < travel_of.size(); ++i) {
    if (units::abs(travel_of[i] - travel) < units::abs(travel_of[best] - travel)) best = i;
  }
  return anatomy::level_at(best);
}

Millimetres BodyMap::travel_of(anatomy::VertebralLevel level) const {
  return travel_[anatomy::index_of(level)];
}

anatomy::VertebralLevel BodyMap::level_at(Millimetres travel) const {
  return nearest(travel_, travel);
}

anatomy::Region BodyMap::region_at(Millimetres travel) const {
  const auto region = anatomy::region_of(level_at(travel));
  // Fitted to where the back leaves the rollers, the levels are right for a back that ends there
  // and squeezed upward for one that leans away from the rollers (someone sitting forward), whose
  // kidneys lie where the chair's geometry puts them; the scan cannot tell the two apart, so the
  // kidney zone of either placement is kept as one.
  if (unfitted_ && anatomy::region_of(nearest(*unfitted_, travel)) == anatomy::Region::kidney) {
    return anatomy::Region::kidney;
  }
  return region;
}

}  // namespace bodymap
