#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <optional>
#include <string>

#include "daemon/api/current_session.hpp"
#include "daemon/calibration/calibration_in_use.hpp"
#include "daemon/control/chair_commands.hpp"
#include "drives/drives_view.hpp"

// Keeps the calibration in use in step with the drives in place, and hands it on: at each look
// (a few times a second, on the process's timer, and whenever something is about to rely on the
// calibration) it reads how the drives identified themselves (a drive is identified when the
// daemon starts and again whenever its bus reconnects), so that a part measured on a drive that
// has since been replaced is put out of use; the calibration in use (also after a commit) goes
// to the sessions at once and to the control loop's supervisor as soon as it takes it. The one
// place that hands the calibration to the control loop, so that the supervisor's never goes back
// to an older one. Main loop only.
namespace massaged {

class CalibrationWatch {
 public:
  // How often the process looks: a replaced drive is found well before the chair could have
  // homed with it.
  static constexpr std::chrono::milliseconds kLookPeriod{200};

  // `drives` may be null: nothing is identified, nothing found replaced.
  CalibrationWatch(calibration::CalibrationInUse& in_use, control::ChairCommands& controller,
                   CurrentSession& session, const hal::DrivesView* drives);
  CalibrationWatch(const CalibrationWatch&) = delete;
  CalibrationWatch& operator=(const CalibrationWatch&) = delete;

  // One look at the drives, and the calibration in use handed on if it changed.
  void look();
  // Whether the control loop has taken the calibration in use at `version` (or a later one).
  [[nodiscard]] bool taken(std::uint64_t version) const { return taken_ >= version; }
  // Why the control loop refused the calibration at `version` or later, when it did.
  [[nodiscard]] std::optional<std::string> refused(std::uint64_t version) const;

 private:
  void tell();
  void hand_on();

  calibration::CalibrationInUse* in_use_;
  control::ChairCommands* controller_;
  CurrentSession* session_;
  const hal::DrivesView* drives_;

  std::uint64_t told_;   // the version the sessions have
  std::uint64_t taken_;  // the version the control loop has
  std::uint64_t handing_ = 0;
  std::optional<std::future<control::CommandReply>> reply_;
  std::uint64_t refused_version_ = 0;
  std::string refusal_;
  bool confirmed_ = false;  // the drives it was measured on were found in place and logged
};

}  // namespace massaged
