#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

// Runs simulated physics in step with the wall clock: a thread that hands the elapsed steady
// time to a step function (SimulatedChair::advance) about once per period. In-process tests
// that step time themselves simply do not create one.
namespace sim {

class RealTimeRunner {
 public:
  using Step = std::function<void(std::chrono::nanoseconds elapsed)>;

  // Starts stepping at once. `step` runs on the runner's thread only.
  explicit RealTimeRunner(Step step,
                          std::chrono::microseconds period = std::chrono::milliseconds{1});
  // Stops after the step in progress, if any; `step` is not called again.
  ~RealTimeRunner();
  RealTimeRunner(const RealTimeRunner&) = delete;
  RealTimeRunner& operator=(const RealTimeRunner&) = delete;

 private:
  void run();

  Step step_;
  std::chrono::microseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sim
