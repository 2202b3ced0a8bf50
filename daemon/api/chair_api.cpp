#include "daemon/api/chair_api.hpp"

#include <spdlog/spdlog.h>

#include "daemon/api/methods/calibration_methods.hpp"
#include "daemon/api/methods/chair_methods.hpp"
#include "daemon/api/methods/diagnostics_methods.hpp"
#include "daemon/api/methods/fault_methods.hpp"
#include "daemon/api/methods/jog_methods.hpp"
#include "daemon/api/methods/panel_methods.hpp"
#include "daemon/api/methods/program_methods.hpp"
#include "daemon/api/methods/register_methods.hpp"
#include "daemon/api/methods/self_test_methods.hpp"
#include "daemon/api/methods/session_methods.hpp"
#include "daemon/api/methods/topic_methods.hpp"

namespace massaged {

ChairApi::ChairApi(boost::asio::io_context& main_loop, JsonRpcDispatcher& rpc,
                   const ChairConfig& config)
    : main_loop_(&main_loop),
      rpc_(&rpc),
      config_(&config),
      log_(std::make_shared<LogTopicSink>()),
      board_(chair_topics()),
      catalog_(config.daemon.programs_directory,
               config.daemon.state_directory / kInstalledProgramsDirectory,
               programs::ProgramChecker(program_limits(config.safety))) {
  spdlog::default_logger()->sinks().push_back(log_);
  catalog_.load();
  add_program_methods(rpc, catalog_);
  add_topic_methods(rpc, board_);
}

// The log sink stays with the logger: taking it out while another thread may log would race,
// and it never holds more than LogTopicSink::kKept lines.
ChairApi::~ChairApi() { stop(); }

void ChairApi::attach(Chair chair) {
  auto& controller = *chair.controller;
  calibration_.emplace(std::move(chair.calibration));
  session::ChairSetup setup;
  setup.limits = config_->safety;
  setup.calibration = calibration_->calibration();
  session_.emplace(
      controller, setup,
      std::make_shared<session::ShoulderStore>(config_->daemon.state_directory / kPeopleDirectory));
  session_->use_calibration(calibration_->calibration(), calibration_->refusal());
  calibration_watch_.emplace(*calibration_, controller, *session_, chair.drives);
  session_->check_calibration_with([this] { calibration_watch_->look(); });
  add_chair_methods(*rpc_, {&controller, [this] { return session_->progress(); }});
  add_fault_methods(*rpc_, controller, history_);
  add_session_methods(*rpc_, controller, *session_, catalog_);
  add_diagnostics_methods(*rpc_, {chair.drives, std::move(chair.loop_statistics), chair.period});
  calibration_store_.emplace(config_->daemon.state_directory, state_files_);
  CalibrationContext calibration;
  calibration.controller = &controller;
  calibration.store = &*calibration_store_;
  calibration.in_use = &*calibration_;
  calibration.watch = &*calibration_watch_;
  calibration.drives = chair.drives;
  calibration.settings.travel.supervisor_margin = config_->safety.range_margin;
  add_calibration_methods(*rpc_, std::move(calibration));
  add_jog_methods(*rpc_, controller);
  if (chair.drives) add_register_methods(*rpc_, *chair.drives);
  add_self_test_methods(*rpc_, controller, [this] {
    calibration_watch_->look();
    return session_->chair().calibration;
  });
  // As the feed samples the progress, the main loop keeps the scan's fit of the person's body
  // once it is known: state files are written here, never on the control loop's thread.
  feed_.emplace(main_loop_->get_executor(), board_, history_,
                ChairSources{[&controller] { return controller.status(); },
                             [this] {
                               session_->keep_fit();
                               return session_->progress();
                             },
                             log_});
  feed_->start();
  panel_.emplace(main_loop_->get_executor(), controller, config_->api.panel_timeout);
  add_panel_methods(*rpc_, *panel_);
  panel_->start();
}

void ChairApi::look_at_calibration() {
  if (calibration_watch_) calibration_watch_->look();
}

void ChairApi::stop() {
  if (feed_) feed_->stop();
  if (panel_) panel_->stop();
}

}  // namespace massaged
