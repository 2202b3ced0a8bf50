#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "daemon/programs/program.hpp"
#include "daemon/session/massage_session.hpp"
#include "daemon/session/session_controls.hpp"
#include "daemon/session/shoulder_store.hpp"
#include "tests/daemon/control/chair_rig.hpp"

// What the session tests share: the shipped programs, the chair setup that matches the rig's
// simulated chair, and starting a person's session on it the way the API does.
namespace session_test {

// The shipped program programs/<id>.toml, checked. Fails the test when it does not check.
programs::Program shipped_program(const std::string& id);

// A program of the given [[step]] tables (TOML), checked as the daemon checks every program.
programs::Program program_of(const std::string& steps);

// The rig's chair: the seat where the simulated body's is, the rig's limits and calibration.
session::ChairSetup setup_of(const control_test::ChairRig& rig);

// A medium person sitting forward: their back rests against the rollers at the shoulders and
// leans 60 mm away from them at the seat, out of their reach below about L3.
sim::BodyConfig sitting_forward();
// A medium person whose back ends 200 mm above the seat, where the chair's geometry puts S1 80 mm
// above it: below its end the back curves away out of the rollers' reach.
sim::BodyConfig short_back();

// Rig options at the slowest control rate the loop runs at (10 Hz), with this body.
control_test::RigOptions options_for(const sim::BodyConfig& body);

// Prepares the person's session, starts it on the controller and extends the session as far as
// the program needs (session_length.hpp). Fails the test when the controller refuses.
session::SessionControls start_session(control_test::ChairRig& rig, programs::Program program,
                                       session::SessionOptions options = {},
                                       std::shared_ptr<session::ShoulderStore> store = nullptr);

// Starts `program` on the body map the chair's geometry gives for shoulders at `shoulder`, with
// no body scan: the levels where the chair assumes them whatever the person's back, as when the
// scan's fit is wrong. Extends the session as far as the program needs.
session::SessionControls start_program_unfitted(control_test::ChairRig& rig,
                                                programs::Program program,
                                                units::Millimetres shoulder);

// Where the simulated person's back leaves the rollers near the seat: the first travel, down
// from the shoulders, where it lies farther than the rollers reach (kBackReach) with each roller
// `lateral` from the midline; the seat when it never does above it.
units::Millimetres where_the_back_leaves(const sim::BodyConfig& body, units::Millimetres lateral);

// The true contact force on the simulated back.
double contact(control_test::ChairRig& rig);

// Runs until the session is over and the chair parked (ready again), at most `limit`.
bool run_until_ready(control_test::ChairRig& rig, std::chrono::nanoseconds limit);

// Runs until the progress reaches `phase` (or the chair leaves its session), at most `limit`.
bool run_until_phase(control_test::ChairRig& rig, const session::SessionControls& controls,
                     session::SessionPhase phase, std::chrono::nanoseconds limit);

}  // namespace session_test
