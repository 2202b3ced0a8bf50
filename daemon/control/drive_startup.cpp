#include "daemon/control/drive_startup.hpp"

#include <spdlog/spdlog.h>

namespace control {

std::optional<std::string> DriveStartup::attempt(const RollerCarriage& carriage, time_point now) {
  if (carriage.all_active()) return std::nullopt;
  if (next_at_ && now < *next_at_) return std::nullopt;
  next_at_ = now + retry_;
  auto errors = drives_->connect();
  for (auto& e : drives_->activate()) errors.push_back(std::move(e));
  if (carriage.all_active()) {
    ever_active_ = true;
    problem_.clear();
    spdlog::info("chair: every drive is connected and active");
    return "the drives are ready; the emergency-stop latch is set at start-up: reset the chair to "
           "home it";
  }
  const std::string problem =
      errors.empty() ? std::string("some drives are not active yet") : errors.front().message();
  if (problem != problem_) {
    spdlog::warn("chair: cannot start every drive yet, trying again every {} ms: {}",
                 retry_.count(), problem);
    for (std::size_t i = 1; i < errors.size(); ++i) spdlog::debug("chair: {}", errors[i].message());
    problem_ = problem;
  }
  return "connecting to the drives: " + problem;
}

}  // namespace control
