#include "daemon/api/methods/jog_methods.hpp"

#include <cmath>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "daemon/api/json/command_answer.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/api/transport/method_params.hpp"
#include "daemon/calibration/jog.hpp"

namespace massaged {

using nlohmann::json;

namespace {

constexpr double kLongestJogStepMm = 1200.0;  // the whole travel
constexpr double kSlowestJogMmS = 1.0;
constexpr double kFastestJogMmS = 50.0;
constexpr double kDefaultJogMmS = 20.0;
// Within this of its target the axis has arrived.
constexpr double kJogArrivedMm = 0.5;

// The jog under way (or the last one). Main loop only; the dead man is shared with the loop.
struct JogHandle {
  std::shared_ptr<calibration::DeadMan> dead_man;
  control::SourceToken source;  // in the controller's status while it runs
  hal::AxisKind axis = hal::AxisKind::travel;
  std::uint64_t owner = 0;
  std::string owner_name;
};

struct JogBench {
  control::ChairCommands* controller = nullptr;
  std::optional<JogHandle> jog;

  [[nodiscard]] bool jogging() const {
    if (!jog) return false;
    const auto status = controller->status();
    return status.state == control::ChairState::running && status.source == jog->source;
  }
};

[[noreturn]] void jog_refused(const control::ChairStatus& status, const std::string& why,
                              const std::string& reason) {
  throw JsonRpcError(JsonRpcErrorCode::refused, why,
                     json{{"state", control::to_string(status.state)}, {"reason", reason}});
}

double jog_number(const MethodParams& p, const json& params, const char* key, double min,
                  double max, bool required, double otherwise) {
  if (!p.has(key)) {
    if (required) p.fail("\"" + std::string(key) + "\" is required (a number)");
    return otherwise;
  }
  const auto& value = params[key];
  if (!value.is_number()) {
    p.fail("\"" + std::string(key) + "\" must be a number, not " + std::string(value.type_name()));
  }
  const double number = value.get<double>();
  if (!(std::abs(number) >= min) || std::abs(number) > max) {
    char text[96];
    std::snprintf(text, sizeof text, "\"%s\" is %g, allowed %g..%g", key, number, min, max);
    p.fail(text);
  }
  return number;
}

LaterAnswer start_jog(JogBench& bench, const json& params, const Caller& caller) {
  const MethodParams p("jog.start", params, {"axis", "step_mm", "speed_mm_s"});
  const auto axis_name = p.string("axis");
  if (axis_name != "travel" && axis_name != "width") {
    p.fail("\"axis\" is \"" + axis_name + "\"; a jog moves travel or width");
  }
  calibration::JogSpec spec;
  spec.axis = axis_name == "width" ? hal::AxisKind::width : hal::AxisKind::travel;
  // Signed: a negative step goes toward the neck, or narrower.
  spec.step =
      units::Millimetres(jog_number(p, params, "step_mm", 0.1, kLongestJogStepMm, true, 0.0));
  if (params.contains("speed_mm_s") && params["speed_mm_s"].is_number() &&
      params["speed_mm_s"].get<double>() < 0) {
    p.fail("\"speed_mm_s\" must be positive: the step's sign gives the direction");
  }
  spec.speed = units::MillimetresPerSecond(
      jog_number(p, params, "speed_mm_s", kSlowestJogMmS, kFastestJogMmS, false, kDefaultJogMmS));
  const auto status = bench.controller->status();
  if (status.state != control::ChairState::ready || status.latched) {
    jog_refused(status, control::refusal("jog", status),
                status.state == control::ChairState::running ? "session running" : "not ready");
  }
  // The connection's close lets go of the dead man at the next control cycle.
  calibration::DeadMan::Holding holding;
  if (auto sink = caller.notifications) holding = [sink] { return sink->open(); };
  auto dead_man = std::make_shared<calibration::DeadMan>(std::move(holding));
  auto jog = std::make_unique<calibration::Jog>(spec, dead_man);
  spdlog::info("jog: {} starts {}", caller.describe(), jog->name());
  auto started = bench.controller->start(std::move(jog), control::Requester::technician);
  bench.jog = JogHandle{dead_man, started.token, spec.axis, caller.connection, caller.describe()};
  return command_answer(std::move(started.reply), *bench.controller, "the jog's start");
}

json jog_position(const JogHandle& jog, bool jogging) {
  const double position = jog.dead_man->position().value();
  const double target = jog.dead_man->target().value();
  return json{{"axis", hal::to_string(jog.axis)},
              {"jogging", jogging},
              {"position_mm", std::round(position * 10.0) / 10.0},
              {"target_mm", std::round(target * 10.0) / 10.0},
              {"arrived", std::abs(target - position) <= kJogArrivedMm}};
}

json confirm_jog(JogBench& bench, const json& params, const Caller& caller) {
  const MethodParams p("jog.confirm", params, {});
  if (!bench.jogging()) {
    const auto status = bench.controller->status();
    jog_refused(status,
                "no jog is running (the chair is " + status.describe() +
                    "); a jog stops when its confirmations stop: start it again (jog.start)",
                "no jog");
  }
  if (bench.jog->owner != caller.connection) {
    jog_refused(bench.controller->status(),
                "the jog belongs to " + bench.jog->owner_name + "; only it confirms it",
                "not yours");
  }
  bench.jog->dead_man->confirm();
  return jog_position(*bench.jog, true);
}

json stop_jog(JogBench& bench, const json& params) {
  const MethodParams p("jog.stop", params, {});
  if (!bench.jogging()) {
    return json{{"message", "no jog is running"}};
  }
  bench.jog->dead_man->let_go();
  auto out = jog_position(*bench.jog, false);
  out["message"] = "the jog stops where the axis stands";
  return out;
}

}  // namespace

void add_jog_methods(JsonRpcDispatcher& rpc, control::ChairCommands& controller) {
  auto bench = std::make_shared<JogBench>();
  bench->controller = &controller;
  rpc.add_method("jog.start", ApiRole::technician,
                 [bench](const json& params, const Caller& caller) {
                   return JsonRpcDispatcher::Result(start_jog(*bench, params, caller));
                 });
  rpc.add_method("jog.confirm", ApiRole::technician,
                 [bench](const json& params, const Caller& caller) {
                   return JsonRpcDispatcher::Result(confirm_jog(*bench, params, caller));
                 });
  rpc.add_method("jog.stop", ApiRole::technician, [bench](const json& params, const Caller&) {
    return JsonRpcDispatcher::Result(stop_jog(*bench, params));
  });
}

}  // namespace massaged
