#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "daemon/chairctl/commands.hpp"

// chairctl's technician commands (docs/calibration.md): each needs the technician role.
namespace chairctl {

struct CalibrateOptions {
  std::string procedure;                    // force, travel or width
  bool yes = false;                         // confirm every step and the commit without asking
  std::optional<double> reference_newtons;  // the reference load placed for the force sensor
};

// Walks a calibration procedure on the terminal: prints each step's instruction, waits for
// Enter (unless --yes), polls while the chair measures, shows the diff and asks to commit.
// kSuccess once committed (or when the technician declines to commit: nothing is stored).
int calibrate(const Options& options, Output& io, std::istream& in, const CalibrateOptions& what);

// Jogs travel or width by `step_mm` (signed), confirming every 200 ms until the axis arrives,
// then stops it. kRefused when the daemon stopped the jog before it arrived.
int jog(const Options& options, Output& io, const std::string& axis, double step_mm,
        double speed_mm_s);

// Runs the self-test and prints each axis's outcome: kSuccess when every axis run passed,
// kRefused otherwise (or when the daemon interrupted or refused it).
int self_test(const Options& options, Output& io);

}  // namespace chairctl
