#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "daemon/programs/intensity.hpp"
#include "daemon/programs/program.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/session/body_scan.hpp"
#include "daemon/session/live_adjustments.hpp"
#include "daemon/session/program_executor.hpp"
#include "daemon/session/session_progress.hpp"

// A person's session as the controller runs it: the body scan finds their shoulders, the
// correction they keep (ShoulderStore) is added, and the program runs on the body so placed,
// all as one session of the controller. If the scan cannot find the shoulders, the session ends
// there and its progress says why and what to do.
namespace session {

// What the chair brings to every session.
struct ChairSetup {
  bodymap::ChairGeometry geometry{};
  safety::SafetyLimits limits{};
  safety::Calibration calibration = safety::uncalibrated();
  ScanSettings scan{};
};

// What the person brings.
struct SessionOptions {
  // Whose kept shoulder correction applies and where nudges are kept; empty: nobody's.
  std::string person;
  // The firmest intensity the person accepts: the program never works harder than this.
  programs::Intensity most_intensity{programs::Intensity::kFirmest};
  // Their kept correction of the scan, in nudge steps (ShoulderStore).
  int kept_nudge_steps = 0;
};

class MassageSession final : public control::SetpointSource {
 public:
  MassageSession(programs::Program program, ChairSetup chair, SessionOptions options,
                 std::shared_ptr<LiveAdjustments> adjustments,
                 std::shared_ptr<ProgressBoard> progress);
  // A session dropped during the scan (stopped, a fault) shows as ended in its progress.
  ~MassageSession() override;
  MassageSession(const MassageSession&) = delete;
  MassageSession& operator=(const MassageSession&) = delete;

  [[nodiscard]] std::string name() const override;
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override;
  // A scan paused part-way starts again from the lower back: its rollers were drawn back, so
  // the force it felt fell as if the shoulders had been reached, and the person may have moved.
  void resumed() override;

 private:
  [[nodiscard]] std::unique_ptr<BodyScan> new_scan() const;
  void fit_the_body(const ScanOutcome& outcome, std::chrono::nanoseconds run_time);
  void publish_scanning();

  programs::Program program_;
  ChairSetup chair_;
  SessionOptions options_;
  std::shared_ptr<LiveAdjustments> adjustments_;
  std::shared_ptr<ProgressBoard> board_;
  std::unique_ptr<BodyScan> scan_;
  std::unique_ptr<ProgramExecutor> executor_;
  std::chrono::nanoseconds scan_start_{0};     // the session's run time when the scan began
  std::chrono::nanoseconds last_run_time_{0};  // as of the last cycle
  std::chrono::nanoseconds program_start_{0};  // the session's run time when the program began
  std::size_t step_count_ = 0;
  std::chrono::milliseconds estimate_{0};  // the program's, on the largest body
  bool failed_ = false;
};

}  // namespace session
