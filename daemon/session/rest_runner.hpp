#pragma once

#include <chrono>

#include "daemon/programs/step.hpp"
#include "daemon/session/step_runner.hpp"

// A rest: the rollers draw back off the body and the carriage stands where it is.
namespace session {

class RestRunner final : public StepRunner {
 public:
  explicit RestRunner(programs::Rest step) : step_(step) {}

  RollerAim next(const StepCycle& cycle, const Fitting& fit) override;
  [[nodiscard]] bool done() const override { return rested_ >= step_.duration; }
  [[nodiscard]] std::string doing() const override { return "resting"; }
  [[nodiscard]] std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> spot(
      const Fitting&) const override {
    return std::nullopt;
  }

 private:
  programs::Rest step_;
  std::optional<units::Millimetres> stand_at_;
  std::optional<units::Millimetres> lateral_;
  std::chrono::nanoseconds rested_{0};
};

}  // namespace session
