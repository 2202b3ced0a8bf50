#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>

#include "daemon/api/calibration_watch.hpp"
#include "daemon/api/current_session.hpp"
#include "daemon/api/panel_guard.hpp"
#include "daemon/api/program_catalog.hpp"
#include "daemon/api/topics/chair_feed.hpp"
#include "daemon/api/topics/fault_history.hpp"
#include "daemon/api/topics/log_topic_sink.hpp"
#include "daemon/api/topics/topic_board.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/calibration/calibration_in_use.hpp"
#include "daemon/calibration/calibration_store.hpp"
#include "daemon/calibration/state_files.hpp"
#include "daemon/config/chair_config.hpp"
#include "daemon/control/chair_commands.hpp"
#include "daemon/control/cycle_schedule.hpp"
#include "drives/drives_view.hpp"

// Everything the daemon's API offers besides server.info, put together for the process: the
// programs and the topics from the start, the chair's, the session's and the technician's
// methods (diagnostics, calibration, jog) and the topics' feed once the chair's control runs
// (docs/api.md). Lives on the main loop.
namespace massaged {

class ChairApi {
 public:
  // Adds the programs' and the topics' methods, loads the programs, and adds the log topic's
  // sink to the default logger: construct it before the daemon starts other threads.
  ChairApi(boost::asio::io_context& main_loop, JsonRpcDispatcher& rpc, const ChairConfig& config);
  ~ChairApi();
  ChairApi(const ChairApi&) = delete;
  ChairApi& operator=(const ChairApi&) = delete;

  // What the API needs of the chair's control.
  struct Chair {
    control::ChairCommands* controller = nullptr;
    std::function<control::PeriodStatistics()> loop_statistics;
    std::chrono::nanoseconds period{0};
    // The drives as seen, for the technician's axis diagnostics, bus statistics and registers
    // and for the calibration's drives in place; those methods are offered only when they are
    // given. Never the drives themselves: the chair moves through the controller alone.
    const hal::DrivesView* drives = nullptr;
    // What the daemon started with (calibration_at_start): the controller's supervisor holds
    // CalibrationInUse(calibration).calibration().
    calibration::StartingCalibration calibration;
  };
  // Adds the chair's methods and starts feeding the topics. Once only.
  void attach(Chair chair);
  // Checks the calibration against the drives in place and hands it on when it changed
  // (CalibrationWatch): the process calls it every CalibrationWatch::kLookPeriod.
  void look_at_calibration();
  // Stops the feed, so that the main loop can end.
  void stop();

 private:
  boost::asio::io_context* main_loop_;
  JsonRpcDispatcher* rpc_;
  const ChairConfig* config_;
  std::shared_ptr<LogTopicSink> log_;
  TopicBoard board_;
  FaultHistory history_;
  ProgramCatalog catalog_;
  std::optional<CurrentSession> session_;
  calibration::DiskStateFiles state_files_;
  std::optional<calibration::CalibrationStore> calibration_store_;
  std::optional<calibration::CalibrationInUse> calibration_;
  std::optional<CalibrationWatch> calibration_watch_;
  std::optional<ChairFeed> feed_;
  std::optional<PanelGuard> panel_;
};

}  // namespace massaged
