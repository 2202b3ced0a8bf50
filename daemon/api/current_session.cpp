#include "daemon/api/current_session.hpp"

#include <functional>

#include <spdlog/spdlog.h>

#include "daemon/api/json/command_answer.hpp"
#include "daemon/api/json/session_json.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/programs/duration_estimate.hpp"
#include "daemon/session/session_length.hpp"

namespace massaged {

using nlohmann::json;

namespace {

// The controller's session is extended in steps of this many minutes.
constexpr std::chrono::minutes kExtensionStep{5};

// A start, then its extensions one after the other, each answered by the control loop.
struct StartSequence {
  control::ChairCommands* controller = nullptr;
  // Installed as the current session's once the controller has taken the session.
  std::shared_ptr<session::SessionControls> controls;
  std::function<void(std::shared_ptr<session::SessionControls>)> started;
  std::future<control::CommandReply> pending;
  int extensions_left = 0;
  std::string program;
  // The program's own length, estimated from the program alone (the body scan comes first).
  std::chrono::milliseconds program_length{0};
  // The session timer's limit, as the controller grants it.
  std::chrono::minutes session_limit{0};
  std::string refused_extension;  // why the extra time could not be granted
  bool taken = false;

  std::optional<json> poll() {
    for (;;) {
      if (pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return std::nullopt;
      }
      const auto reply = pending.get();
      if (!taken) {
        (void)command_result(reply, controller->status());  // throws when it was refused
        taken = true;
        started(std::move(controls));
      } else if (!reply.accepted) {
        // The session runs; only the extra time could not be granted.
        spdlog::warn("session: {}", reply.message);
        refused_extension = reply.message;
        extensions_left = 0;
      } else {
        session_limit += kExtensionStep;
      }
      if (extensions_left == 0) return answer();
      --extensions_left;
      pending = controller->extend_session();
    }
  }

  // What the person is told: when the program should end, and separately the session's limit,
  // after which the chair ends the session whatever the program.
  [[nodiscard]] json answer() const {
    auto message = "session started: " + program + "; the program takes about " +
                   programs::to_string(program_length) +
                   " after the body scan; the session's limit is " +
                   std::to_string(session_limit.count()) + " min";
    if (!refused_extension.empty()) message += "; " + refused_extension;
    return json{{"message", message},
                {"program", program},
                {"program_estimated_s", program_length.count() / 1000},
                {"session_minutes", session_limit.count()}};
  }
};

}  // namespace

CurrentSession::CurrentSession(control::ChairCommands& controller, session::ChairSetup chair,
                               std::shared_ptr<session::ShoulderStore> store)
    : controller_(&controller), chair_(std::move(chair)), store_(std::move(store)) {}

LaterAnswer CurrentSession::start(SessionRequest request) {
  if (check_) check_();
  if (!chair_.calibration.valid) {
    // The supervisor would let the rollers press nowhere: refuse now, saying what to do.
    throw JsonRpcError(JsonRpcErrorCode::refused,
                       !calibration_refusal_.empty()
                           ? calibration_refusal_
                           : "programs cannot run: this chair has no valid calibration (never "
                             "calibrated, or its file is damaged: chairctl calibration says "
                             "which); a technician calibrates it: chairctl calibrate force",
                       json{{"state", control::to_string(controller_->status().state)},
                            {"reason", "not calibrated"}});
  }
  const auto configured = chair_.limits.session;
  const auto maximum = chair_.limits.session_max;
  int extensions = session::extensions_needed(request.program, chair_.limits);
  if (request.minutes) {
    if (*request.minutes > maximum) {
      throw JsonRpcError(JsonRpcErrorCode::invalid_params,
                         "Invalid params: session.start: \"minutes\" is " +
                             std::to_string(request.minutes->count()) +
                             ", the longest session this chair allows is " +
                             std::to_string(maximum.count()) + " min (safety.session_max)");
    }
    const auto beyond = *request.minutes - configured;
    if (beyond.count() > 0) {
      extensions = std::max(
          extensions,
          static_cast<int>((beyond + kExtensionStep - std::chrono::minutes(1)) / kExtensionStep));
    }
  }
  const auto id = request.program.info.id;
  const auto program_length =
      programs::estimated_duration(request.program, programs::DurationModel{});
  session::SessionOptions options;
  options.person = request.person;
  options.most_intensity = request.most_intensity;
  auto starting =
      session::prepare_session(std::move(request.program), chair_, std::move(options), store_);
  auto sequence = std::make_shared<StartSequence>();
  sequence->controller = controller_;
  sequence->program = id;
  sequence->extensions_left = extensions;
  sequence->program_length = program_length;
  sequence->session_limit = configured;
  sequence->controls = std::make_shared<session::SessionControls>(std::move(starting.controls));
  sequence->started = [this](std::shared_ptr<session::SessionControls> controls) {
    controls_ = std::move(controls);
  };
  sequence->pending = controller_->start_session(std::move(starting.source));
  spdlog::info("session: {} asked to start{}", id,
               extensions > 0 ? " with " + std::to_string(extensions) + " extension(s)" : "");
  return LaterAnswer([sequence]() { return sequence->poll(); }, kCommandPatience,
                     "the session's start");
}

json CurrentSession::progress() const {
  if (!controls_) return nullptr;
  const auto status = controller_->status();
  const bool running = status.state == control::ChairState::running;
  return progress_json(controls_->progress(),
                       running ? controller_->last_decision() : std::nullopt);
}

}  // namespace massaged
