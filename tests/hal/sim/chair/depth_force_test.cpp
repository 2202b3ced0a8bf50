#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bench_master.hpp"

// The depth axis against a seated body, through the registers: force mode, the force limit,
// stress relaxation, trigger-point nodules, the shoulders that a body scan looks for, and the
// uncalibrated load cell behind the FORCE register.
namespace sim::testing {
namespace {

using hal::AxisKind;
using hal::DriveMode;
using hal::Quantity;

// The three linear axes of one chair, homed, with travel and width placed.
class Rollers {
 public:
  Rollers(SimulatedChair& chair, double travel_mm, double width_mm)
      : chair_(chair),
        travel(chair, AxisKind::travel),
        width(chair, AxisKind::width),
        depth(chair, AxisKind::depth) {
    home(chair, travel);
    home(chair, width);
    home(chair, depth);
    move_to(travel_mm, width_mm);
  }

  void move_to(double travel_mm, double width_mm) {
    EXPECT_EQ(travel.command(enabled(), travel_mm), std::nullopt);
    EXPECT_EQ(width.command(enabled(), width_mm), std::nullopt);
    chair_.advance(12s);
    EXPECT_NEAR(chair_.axis(AxisKind::travel).position.value(), travel_mm, 0.01);
    EXPECT_NEAR(chair_.axis(AxisKind::width).position.value(), width_mm, 0.01);
  }

  // Mean of the FORCE register over `duration`, sampled every step.
  double mean_reading(std::chrono::nanoseconds duration) {
    double sum = 0.0;
    int n = 0;
    for (auto t = std::chrono::nanoseconds{0}; t < duration; t += SimulatedChair::kStep) {
      chair_.advance(SimulatedChair::kStep);
      sum += depth.status().force;
      ++n;
    }
    return sum / n;
  }

  double contact() const { return chair_.force().contact.value(); }

 private:
  SimulatedChair& chair_;

 public:
  BenchMaster travel, width, depth;
};

// Mid-back beside the spine: lumbar paraspinal muscle, about 4 cm from the midline.
constexpr double kLumbarTravel = 800.0;
constexpr double kBesideSpine = 80.0;  // width: each roller 40 mm from the midline

TEST(ForceMode, HoldsTheContactForceOnASeatedBody) {
  SimulatedChair chair(ra1_chair());
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.command(enabled(DriveMode::force), 20.0), std::nullopt);
  chair.advance(5s);
  EXPECT_NEAR(r.mean_reading(2s), 20.0, 0.5);
  EXPECT_TRUE(r.depth.status().flags.target_reached);
  // The drive regulates its own raw reading: the truth is (20 - 3) / 1.06 N.
  EXPECT_NEAR(r.contact(), 16.0, 1.0);
  const double depth_early = chair.axis(AxisKind::depth).position.value();

  chair.advance(20s);
  EXPECT_NEAR(r.mean_reading(2s), 20.0, 0.5) << "held while the tissue relaxes";
  EXPECT_GT(chair.axis(AxisKind::depth).position.value(), depth_early + 0.5)
      << "the rollers follow the tissue as it yields";
  EXPECT_FALSE(r.depth.status().flags.fault);
}

TEST(ForceMode, WithNobodySeatedAdvancesToTheEndOfTheRange) {
  auto config = ra1_chair();
  config.body.seated = false;
  SimulatedChair chair(config);
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.command(enabled(DriveMode::force), 20.0), std::nullopt);
  chair.advance(6s);
  const auto s = r.depth.status();
  EXPECT_TRUE(s.flags.at_max) << "never beyond the range";
  EXPECT_FALSE(s.flags.fault);
  EXPECT_DOUBLE_EQ(r.contact(), 0.0) << "nobody seated: no contact at any depth";
  EXPECT_NEAR(r.mean_reading(1s), 3.0, 0.1) << "the load cell's offset";
}

TEST(ForceLimit, StopsAdvanceInPositionMode) {
  SimulatedChair chair(ra1_chair());
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.write_value(r.depth.profile().command.force_limit, 40.0, Quantity::force),
            std::nullopt);
  ASSERT_EQ(r.depth.command(enabled(), 80.0), std::nullopt);
  double highest = 0.0;
  bool limited = false;
  for (int i = 0; i < 8000; ++i) {
    chair.advance(SimulatedChair::kStep);
    const auto s = r.depth.status();
    highest = std::max(highest, s.force);
    limited |= s.flags.force_limited;
  }
  EXPECT_TRUE(limited);
  EXPECT_LE(highest, 42.0) << "one step past the limit at most, plus noise";
  EXPECT_LT(chair.axis(AxisKind::depth).position.value(), 60.0);
  EXPECT_FALSE(r.depth.status().flags.target_reached);
  EXPECT_FALSE(r.depth.status().flags.fault);
}

TEST(ForceLimit, StopsAdvanceInVelocityMode) {
  SimulatedChair chair(ra1_chair());
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.write_value(r.depth.profile().command.force_limit, 30.0, Quantity::force),
            std::nullopt);
  ASSERT_EQ(r.depth.command(enabled(DriveMode::velocity), 20.0), std::nullopt);
  chair.advance(4s);
  const auto s = r.depth.status();
  EXPECT_LT(s.force, 32.0);
  EXPECT_GT(s.force, 25.0);
  EXPECT_LT(chair.axis(AxisKind::depth).position.value(), 60.0);
}

TEST(Tissue, ForceAtAHeldDepthRelaxesTowardALowerEquilibrium) {
  SimulatedChair chair(ra1_chair());
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.command(enabled(), 30.0), std::nullopt);
  advance_until(
      chair,
      [&] {
        return r.depth.status().flags.target_reached &&
               chair.axis(AxisKind::depth).velocity.value() == 0.0;
      },
      3s);
  const double pressed = r.contact();
  ASSERT_GT(pressed, 15.0);
  chair.advance(20s);
  const double relaxed = r.contact();
  EXPECT_LT(relaxed, 0.85 * pressed) << "pressed " << pressed << " N, after 20 s " << relaxed;
  chair.advance(10s);
  EXPECT_NEAR(r.contact(), relaxed, 0.03 * relaxed) << "the equilibrium is reached";

  ASSERT_EQ(r.depth.command(enabled(), 0.0), std::nullopt);
  chair.advance(60s);
  ASSERT_EQ(r.depth.command(enabled(), 30.0), std::nullopt);
  advance_until(
      chair,
      [&] {
        return r.depth.status().flags.target_reached &&
               chair.axis(AxisKind::depth).velocity.value() == 0.0;
      },
      3s);
  EXPECT_NEAR(r.contact(), pressed, 0.05 * pressed) << "the tissue recovered while released";
}

TEST(Tissue, NoduleSoftensUnderSustainedPressure) {
  auto config = ra1_chair();
  config.body.nodules.push_back(Nodule{.travel = units::Millimetres(kLumbarTravel),
                                       .lateral_offset = units::Millimetres(kBesideSpine / 2)});
  SimulatedChair chair(config);
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.command(enabled(), 27.0), std::nullopt);
  chair.advance(20s);  // the viscoelastic relaxation is over by now
  const double after_relaxation = r.contact();
  chair.advance(70s);  // a 90 s ischemic compression in all
  const double after_release = r.contact();
  EXPECT_LT(after_release, 0.8 * after_relaxation)
      << "from " << after_relaxation << " N to " << after_release << " N";
  EXPECT_LT(chair.nodule_tension().at(0), 0.5);

  // The same hold where there is no nodule: only the viscoelastic part, over by 20 s.
  auto plain = ra1_chair();
  SimulatedChair control(plain);
  Rollers c(control, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(c.depth.command(enabled(), 27.0), std::nullopt);
  control.advance(20s);
  const double plain_relaxed = c.contact();
  control.advance(70s);
  EXPECT_NEAR(c.contact(), plain_relaxed, 0.02 * plain_relaxed);
  EXPECT_GT(after_relaxation, 1.5 * plain_relaxed) << "a taut nodule is stiffer than muscle";
}

// Climbs the back at a fixed depth, as a body scan does, and returns the highest travel
// position (smallest value) at which the rollers still touched the back.
double top_of_contact(SimulatedChair& chair, Rollers& r) {
  EXPECT_EQ(r.depth.command(enabled(), 22.0), std::nullopt);
  chair.advance(2s);
  EXPECT_GT(r.contact(), 5.0) << "in contact at the start of the climb";
  EXPECT_EQ(
      r.travel.write_value(r.travel.profile().command.velocity_limit, 30.0, Quantity::velocity),
      std::nullopt);
  EXPECT_EQ(r.travel.command(enabled(), 100.0), std::nullopt);
  double top = 1200.0;
  while (chair.axis(AxisKind::travel).position.value() > 101.0) {
    chair.advance(SimulatedChair::kStep);
    if (r.contact() > 0.0) top = chair.axis(AxisKind::travel).position.value();
  }
  EXPECT_FALSE(r.depth.status().flags.fault);
  return top;
}

TEST(Shoulders, ContactForceDropsAboveTheShouldersForEachBodySize) {
  double tops[2] = {};
  const BodySize sizes[2] = {BodySize::small, BodySize::large};
  for (int i = 0; i < 2; ++i) {
    auto config = ra1_chair();
    config.body = body_of_size(sizes[i]);
    SimulatedChair chair(config);
    Rollers r(chair, 700.0, 70.0);  // mid-back for both sizes
    tops[i] = top_of_contact(chair, r);
    const double shoulder = config.body.shoulder_travel.value();
    EXPECT_LE(tops[i], shoulder) << "contact reaches the top of the shoulders";
    EXPECT_GT(tops[i], shoulder - 30.0) << "and ends within a few centimetres above it";
  }
  EXPECT_NEAR(tops[0] - tops[1], 160.0, 10.0) << "the taller back's shoulders sit higher";
}

TEST(LoadCell, OffsetAndGainShowInForceButNotInTheTruth) {
  auto config = ra1_chair();
  config.body.seated = false;
  SimulatedChair chair(config);
  BenchMaster depth(chair, AxisKind::depth);
  auto mean = [&](int samples) {
    double sum = 0.0;
    for (int i = 0; i < samples; ++i) {
      chair.advance(SimulatedChair::kStep);
      sum += depth.status().force;
    }
    return sum / samples;
  };
  EXPECT_NEAR(mean(2000), 3.0, 0.05) << "+3 N with nothing on the rollers";
  EXPECT_DOUBLE_EQ(chair.force().contact.value(), 0.0);

  chair.place_reference_load(units::Newtons(100.0));
  EXPECT_NEAR(mean(2000), 109.0, 0.05) << "6 % gain error plus the offset";
  const auto truth = chair.force();
  EXPECT_DOUBLE_EQ(truth.reference_load.value(), 100.0);
  EXPECT_DOUBLE_EQ(truth.contact.value(), 0.0);
  EXPECT_NEAR(truth.reading.value(), depth.status().force, 0.05) << "FORCE is the reading";
  chair.remove_reference_load();
  EXPECT_NEAR(mean(2000), 3.0, 0.05);
}

TEST(LoadCell, ErrorIsConfigurable) {
  auto config = ra1_chair();
  config.body.seated = false;
  config.load_cell = LoadCellError{
      .offset = units::Newtons(-2.0), .gain_error = -0.1, .noise = units::Newtons(0.0)};
  SimulatedChair chair(config);
  BenchMaster depth(chair, AxisKind::depth);
  chair.place_reference_load(units::Newtons(50.0));
  chair.advance(1ms);
  EXPECT_DOUBLE_EQ(depth.status().force, 43.0);
}

std::vector<double> readings(std::uint64_t seed) {
  auto config = ra1_chair();
  config.seed = seed;
  SimulatedChair chair(config);
  BenchMaster depth(chair, AxisKind::depth);
  std::vector<double> out;
  for (int i = 0; i < 50; ++i) {
    chair.advance(SimulatedChair::kStep);
    out.push_back(depth.status().force);
  }
  return out;
}

TEST(LoadCell, NoiseIsTheSameForTheSameSeed) {
  EXPECT_EQ(readings(7), readings(7));
  EXPECT_NE(readings(7), readings(8));
}

TEST(DepthMotor, CurrentRisesWithContactForce) {
  SimulatedChair chair(ra1_chair());
  Rollers r(chair, kLumbarTravel, kBesideSpine);
  ASSERT_EQ(r.depth.command(enabled(DriveMode::force), 20.0), std::nullopt);
  chair.advance(5s);
  const double light = r.depth.status().current;
  ASSERT_EQ(r.depth.command(enabled(DriveMode::force), 80.0), std::nullopt);
  chair.advance(5s);
  const double firm = r.depth.status().current;
  EXPECT_NEAR(firm - light, 10.0 * 60.0 / 1.06, 60.0) << "about 10 mA per newton";
}

TEST(Motor, WarmsWithDutyAndCoolsTowardAmbient) {
  SimulatedChair chair(ra1_chair());
  BenchMaster tap(chair, AxisKind::tap);
  ASSERT_EQ(tap.command(enabled(DriveMode::velocity), 720.0), std::nullopt);
  chair.advance(90s);
  const double warm = tap.status().temperature;
  EXPECT_GT(warm, 28.0) << "running at full speed for 90 s";
  ASSERT_EQ(tap.command({}, 0.0), std::nullopt);
  chair.advance(120s);
  const double cooled = tap.status().temperature;
  EXPECT_LT(cooled, warm - 1.5);
  EXPECT_GT(cooled, 25.0) << "toward ambient, not below it";
}

}  // namespace
}  // namespace sim::testing
