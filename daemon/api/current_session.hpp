#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/api/transport/later_answer.hpp"
#include "daemon/control/chair_commands.hpp"
#include "daemon/programs/intensity.hpp"
#include "daemon/session/session_controls.hpp"

// The person's session as the API knows it: it prepares a program for the person (their kept
// shoulder correction, their firmest intensity), hands it to the controller, asks for the
// extensions the program or the person needs, and keeps the session's controls, so that the
// live adjustments reach it and its progress can be read, also after it ended. Main loop only.
namespace massaged {

struct SessionRequest {
  programs::Program program;
  std::string person;  // empty: nobody's kept position
  programs::Intensity most_intensity{programs::Intensity::kFirmest};
  std::optional<std::chrono::minutes> minutes;  // at least this long
};

class CurrentSession {
 public:
  CurrentSession(control::ChairCommands& controller, session::ChairSetup chair,
                 std::shared_ptr<session::ShoulderStore> store);

  // Starts a session. The answer comes once the controller has taken it and the extensions
  // asked for are granted: {"message", "program", "session_minutes"}; refused with the
  // controller's reason.
  LaterAnswer start(SessionRequest request);

  // The controls of the session started last; none before the first.
  [[nodiscard]] session::SessionControls* controls() { return controls_.get(); }
  // session.progress's result for the session started last; null before the first.
  [[nodiscard]] nlohmann::json progress() const;
  // Keeps how the body scan fitted the person's body, once it has (SessionControls::keep_fit).
  void keep_fit() {
    if (controls_) controls_->keep_fit();
  }

  // The calibration the chair uses now, for sessions started from now on; when it is not valid,
  // `refusal` says why programs cannot run (never calibrated, a drive replaced, ...).
  void use_calibration(const safety::Calibration& calibration, std::string refusal = {}) {
    chair_.calibration = calibration;
    calibration_refusal_ = std::move(refusal);
  }
  // Called before a session is judged by its calibration, so that the calibration is up to date
  // with the drives in place (CalibrationWatch::look).
  void check_calibration_with(std::function<void()> check) { check_ = std::move(check); }
  [[nodiscard]] const session::ChairSetup& chair() const { return chair_; }

 private:
  control::ChairCommands* controller_;
  session::ChairSetup chair_;
  std::shared_ptr<session::ShoulderStore> store_;
  std::shared_ptr<session::SessionControls> controls_;
  std::string calibration_refusal_;
  std::function<void()> check_;
};

}  // namespace massaged
