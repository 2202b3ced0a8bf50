#include "tests/daemon/session/session_rig.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "daemon/programs/program_checker.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/program_executor.hpp"
#include "daemon/session/session_length.hpp"
#include "sim/chair/back_anatomy.hpp"

namespace session_test {

programs::Program shipped_program(const std::string& id) {
  const auto path = std::filesystem::path(MASSAGED_SOURCE_DIR) / "programs" / (id + ".toml");
  const auto checked = programs::ProgramChecker().check_file(path);
  if (!checked) {
    ADD_FAILURE() << path << ": " << checked.error().front().to_string();
    return {};
  }
  return *checked;
}

programs::Program program_of(const std::string& steps) {
  const std::string text =
      "format = 1\nid = \"test-program\"\nname = \"Test program\"\n"
      "description = \"Written by a test.\"\nauthor = \"tests\"\n"
      "duration_minutes = 5\n" +
      steps;
  const auto checked = programs::ProgramChecker().check_text(text, "test.toml");
  if (!checked) {
    ADD_FAILURE() << checked.error().front().to_string();
    return {};
  }
  return *checked;
}

session::ChairSetup setup_of(const control_test::ChairRig& rig) {
  session::ChairSetup setup;
  setup.geometry.seat_travel = rig.options().body.seat_travel;
  setup.limits = rig.options().limits;
  setup.calibration = rig.options().calibration;
  return setup;
}

sim::BodyConfig sitting_forward() {
  auto body = sim::body_of_size(sim::BodySize::medium);
  body.sitting_forward = units::Millimetres(60.0);
  return body;
}

sim::BodyConfig short_back() {
  auto body = sim::body_of_size(sim::BodySize::medium);
  body.back_end_above_seat = units::Millimetres(200.0);
  return body;
}

control_test::RigOptions options_for(const sim::BodyConfig& body) {
  control_test::RigOptions options;
  options.rate_hz = 10;
  options.body = body;
  return options;
}

session::SessionControls start_session(control_test::ChairRig& rig, programs::Program program,
                                       session::SessionOptions options,
                                       std::shared_ptr<session::ShoulderStore> store) {
  const int extensions = session::extensions_needed(program, rig.options().limits);
  auto starting =
      session::prepare_session(std::move(program), setup_of(rig), std::move(options), store);
  const auto started = rig.answer(rig.controller().start_session(std::move(starting.source)));
  EXPECT_TRUE(started.accepted) << started.message;
  for (int i = 0; i < extensions; ++i) {
    const auto extended = rig.answer(rig.controller().extend_session());
    EXPECT_TRUE(extended.accepted) << extended.message;
  }
  return std::move(starting.controls);
}

session::SessionControls start_program_unfitted(control_test::ChairRig& rig,
                                                programs::Program program,
                                                units::Millimetres shoulder) {
  const auto setup = setup_of(rig);
  const int extensions = session::extensions_needed(program, rig.options().limits);
  auto adjustments = std::make_shared<session::LiveAdjustments>();
  auto board = std::make_shared<session::ProgressBoard>();
  session::Fitting fit(bodymap::BodyMap(shoulder, setup.geometry), setup.limits, setup.calibration,
                       programs::Intensity(programs::Intensity::kFirmest));
  auto executor = std::make_unique<session::ProgramExecutor>(std::move(program), std::move(fit),
                                                             session::ShoulderPosition{shoulder, 0},
                                                             adjustments, board);
  const auto started = rig.answer(rig.controller().start_session(std::move(executor)));
  EXPECT_TRUE(started.accepted) << started.message;
  for (int i = 0; i < extensions; ++i) {
    const auto extended = rig.answer(rig.controller().extend_session());
    EXPECT_TRUE(extended.accepted) << extended.message;
  }
  return session::SessionControls(adjustments, board, "", nullptr, setup.geometry,
                                  setup.calibration);
}

units::Millimetres where_the_back_leaves(const sim::BodyConfig& body, units::Millimetres lateral) {
  for (double travel = body.shoulder_travel.value(); travel < body.seat_travel.value();
       travel += 1.0) {
    const auto surface = sim::surface_depth(body, travel, lateral.value());
    if (surface && *surface > session::kBackReach.value()) return units::Millimetres(travel);
  }
  return body.seat_travel;
}

double contact(control_test::ChairRig& rig) { return rig.chair().force().contact.value(); }

bool run_until_ready(control_test::ChairRig& rig, std::chrono::nanoseconds limit) {
  return rig.run_until([&rig] { return rig.state() == control::ChairState::ready; }, limit);
}

bool run_until_phase(control_test::ChairRig& rig, const session::SessionControls& controls,
                     session::SessionPhase phase, std::chrono::nanoseconds limit) {
  return rig.run_until(
      [&] {
        const auto s = rig.state();
        return controls.progress().phase == phase ||
               (s != control::ChairState::running && s != control::ChairState::paused);
      },
      limit);
}

}  // namespace session_test
