#pragma once

#include <chrono>

#include "daemon/programs/step.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/step_runner.hpp"

// Rolling (stroking) along a muscle: the rollers come to the top of the span drawn in, find the
// back, and run down and up the span at the step's speed (never faster than the supervisor
// allows near the body) with the constant force of the step's intensity, `passes` runs in all.
// If they lose the back on the way (after a pause), the carriage waits until they find it again.
namespace session {

class RollingRunner final : public StepRunner {
 public:
  explicit RollingRunner(programs::Rolling step);

  RollerAim next(const StepCycle& cycle, const Fitting& fit) override;
  [[nodiscard]] bool done() const override { return phase_ == Phase::done; }
  [[nodiscard]] std::string doing() const override;
  [[nodiscard]] std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> spot(
      const Fitting&) const override {
    return std::nullopt;
  }

 private:
  enum class Phase { to_start, find_back, rolling, done };

  programs::Rolling step_;
  Phase phase_ = Phase::to_start;
  ContactPress contact_;
  std::chrono::nanoseconds finding_{0};
  int passes_ = 0;
  bool down_ = true;
};

}  // namespace session
