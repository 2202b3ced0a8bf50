#include "daemon/api/methods/self_test_methods.hpp"

#include <cmath>
#include <future>
#include <memory>

#include <spdlog/spdlog.h>

#include "daemon/api/json/command_answer.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/api/transport/method_params.hpp"
#include "daemon/calibration/self_test.hpp"

namespace massaged {

using nlohmann::json;

namespace {

// The whole pattern takes about ten seconds on a healthy chair; every leg may take the spec's
// patience before it counts as failed.
constexpr std::chrono::milliseconds kSelfTestPatience{60000};

double tenths(double value) { return std::round(value * 10.0) / 10.0; }

json self_test_json(const std::vector<calibration::AxisCheck>& checks) {
  json axes = json::array();
  bool passed = true;
  for (const auto& c : checks) {
    if (c.run && !c.reached) passed = false;
    axes.push_back(json{{"axis", hal::to_string(c.axis)},
                        {"run", c.run},
                        {"reached", c.reached},
                        {"seconds", tenths(std::chrono::duration<double>(c.took).count())},
                        {"peak_current_ma", c.run ? json(tenths(c.peak_current.value())) : json()},
                        {"hottest_c", c.run ? json(tenths(c.hottest.value())) : json()},
                        {"problem", c.problem.empty() ? json() : json(c.problem)}});
  }
  return json{{"passed", passed}, {"axes", std::move(axes)}};
}

// The test's start, then its end, as the control loop reports them.
struct SelfTestRun {
  control::ChairCommands* controller = nullptr;
  std::shared_ptr<calibration::SelfTestReport> report;
  std::optional<std::future<control::CommandReply>> start;
  control::SourceToken source;  // in the controller's status while the test runs

  std::optional<json> poll() {
    if (start) {
      if (start->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return std::nullopt;
      }
      (void)command_result(start->get(), controller->status());  // throws when refused
      start.reset();
    }
    if (report->finished()) return self_test_json(report->checks());
    const auto status = controller->status();
    if (status.state != control::ChairState::running || status.source != source) {
      throw JsonRpcError(JsonRpcErrorCode::refused,
                         "the self-test was interrupted: the chair is " + status.describe(),
                         json{{"state", control::to_string(status.state)},
                              {"reason", "interrupted"},
                              {"partial", self_test_json(report->checks())}});
    }
    return std::nullopt;
  }
};

LaterAnswer start_self_test(control::ChairCommands& controller,
                            const std::function<safety::Calibration()>& calibration,
                            const json& params, const Caller& caller) {
  const MethodParams p("diagnostics.self_test", params, {});
  const auto status = controller.status();
  if (status.state != control::ChairState::ready || status.latched) {
    throw JsonRpcError(JsonRpcErrorCode::refused, control::refusal("run the self-test", status),
                       json{{"state", control::to_string(status.state)}, {"reason", "not ready"}});
  }
  const auto in_use = calibration();
  if (!in_use.valid) {
    // Uncorrected, the load cell's offset already reads as a touch: the depth could not be
    // moved out, and the ranges the axes move in are the mechanism's guesses.
    throw JsonRpcError(
        JsonRpcErrorCode::refused,
        "cannot run the self-test: the chair has no valid calibration, so its force "
        "sensor cannot tell a touch and the depth cannot move out; calibrate it "
        "first (chairctl calibrate force)",
        json{{"state", control::to_string(status.state)}, {"reason", "not calibrated"}});
  }
  auto run = std::make_shared<SelfTestRun>();
  run->controller = &controller;
  run->report = std::make_shared<calibration::SelfTestReport>();
  auto started = controller.start(
      std::make_unique<calibration::SelfTest>(calibration::SelfTestSpec{}, in_use, run->report),
      control::Requester::technician);
  run->start = std::move(started.reply);
  run->source = started.token;
  spdlog::info("self-test started by {}", caller.describe());
  return LaterAnswer([run] { return run->poll(); }, kSelfTestPatience, "the self-test");
}

}  // namespace

void add_self_test_methods(JsonRpcDispatcher& rpc, control::ChairCommands& controller,
                           std::function<safety::Calibration()> calibration) {
  rpc.add_method(
      "diagnostics.self_test", ApiRole::technician,
      [&controller, calibration](const json& params, const Caller& caller) {
        return JsonRpcDispatcher::Result(start_self_test(controller, calibration, params, caller));
      });
}

}  // namespace massaged
