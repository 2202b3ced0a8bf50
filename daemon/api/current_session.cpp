#include "daemon/api/current_session.hpp"

#include <functional>

#include <spdlog/spdlog.h>

#include "daemon/api/command_answer.hpp"
#include "daemon/api/json_rpc_error.hpp"
#include "daemon/api/session_json.hpp"
#include "daemon/session/session_length.hpp"

namespace massaged {

using nlohmann::json;

namespace {

// The controller's session is extended in steps of this many minutes.
constexpr std::chrono::minutes kExtensionStep{5};

// A start, then its extensions one after the other, each answered by the control loop.
struct StartSequence {
  control::ChairController* controller = nullptr;
  // Installed as the current session's once the controller has taken the session.
  std::shared_ptr<session::SessionControls> controls;
  std::function<void(std::shared_ptr<session::SessionControls>)> started;
  std::future<control::CommandReply> pending;
  int extensions_left = 0;
  std::string program;
  std::string message;

  std::optional<json> poll() {
    for (;;) {
      if (pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return std::nullopt;
      }
      const auto reply = pending.get();
      if (message.empty()) {
        (void)command_result(reply, controller->status());  // throws when it was refused
        message = reply.message;
        started(std::move(controls));
      } else if (!reply.accepted) {
        // The session runs; only the extra time could not be granted.
        spdlog::warn("session: {}", reply.message);
        message += "; " + reply.message;
        extensions_left = 0;
      } else {
        message = "session started: " + program + "; " + reply.message;
      }
      if (extensions_left == 0) {
        return json{{"message", message}, {"program", program}};
      }
      --extensions_left;
      pending = controller->extend_session();
    }
  }
};

}  // namespace

CurrentSession::CurrentSession(control::ChairController& controller, session::ChairSetup chair,
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
  session::SessionOptions options;
  options.person = request.person;
  options.most_intensity = request.most_intensity;
  auto starting =
      session::prepare_session(std::move(request.program), chair_, std::move(options), store_);
  auto sequence = std::make_shared<StartSequence>();
  sequence->controller = controller_;
  sequence->program = id;
  sequence->extensions_left = extensions;
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
