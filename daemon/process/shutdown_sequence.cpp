#include "daemon/process/shutdown_sequence.hpp"

#include <exception>

#include <spdlog/spdlog.h>

namespace massaged {

void ShutdownSequence::add_step(std::string name, Step step) {
  steps_.push_back({std::move(name), std::move(step)});
}

bool ShutdownSequence::run(const std::function<void(const std::string&)>& on_step) {
  if (ran_) return succeeded_;
  ran_ = true;
  for (const auto& entry : steps_) {
    if (on_step) on_step(entry.name);
    spdlog::info("stopping: {}", entry.name);
    try {
      entry.step();
    } catch (const std::exception& e) {
      succeeded_ = false;
      spdlog::error("stopping: {} failed: {}", entry.name, e.what());
    }
  }
  return succeeded_;
}

}  // namespace massaged
