#include "tests/fuzz/api/recording_chair.hpp"

namespace fuzz {
namespace {

std::future<control::CommandReply> answered(bool accepted, std::string message) {
  std::promise<control::CommandReply> reply;
  reply.set_value({accepted, std::move(message)});
  return reply.get_future();
}

}  // namespace

const char* to_string(ChairCommand command) {
  switch (command) {
    case ChairCommand::emergency_stop:
      return "emergency_stop";
    case ChairCommand::reset:
      return "reset";
    case ChairCommand::start:
      return "start";
    case ChairCommand::start_session:
      return "start_session";
    case ChairCommand::pause:
      return "pause";
    case ChairCommand::resume:
      return "resume";
    case ChairCommand::stop_session:
      return "stop_session";
    case ChairCommand::extend_session:
      return "extend_session";
    case ChairCommand::use_calibration:
      return "use_calibration";
    case ChairCommand::shut_down:
      return "shut_down";
  }
  return "?";
}

bool moves_the_chair(ChairCommand command) {
  return command == ChairCommand::reset || command == ChairCommand::start ||
         command == ChairCommand::start_session || command == ChairCommand::resume;
}

RecordingChair::RecordingChair() {
  status_.state = control::ChairState::ready;
  status_.cause = "ready";
  status_.latched = false;
}

std::future<control::CommandReply> RecordingChair::carried_out(ChairCommand command,
                                                               control::ChairState next,
                                                               std::string cause) {
  commands_.push_back(command);
  status_.state = next;
  status_.cause = cause;
  if (next == control::ChairState::ready) status_.source.reset();
  for (const auto& listener : listeners_) listener(status_);
  return answered(true, std::move(cause));
}

control::StartedSource RecordingChair::started(ChairCommand command) {
  const control::SourceToken token{next_token_++};
  auto reply = carried_out(command, control::ChairState::running, "running");
  status_.source = token;
  return {token, std::move(reply)};
}

void RecordingChair::emergency_stop(std::string_view source) {
  (void)carried_out(ChairCommand::emergency_stop, control::ChairState::emergency_stop,
                    "emergency stop: " + std::string(source));
  status_.latched = true;
}

std::future<control::CommandReply> RecordingChair::reset() {
  auto reply = carried_out(ChairCommand::reset, control::ChairState::ready, "ready");
  status_.latched = false;
  return reply;
}

control::StartedSource RecordingChair::start(std::unique_ptr<control::SetpointSource> /*source*/,
                                             control::Requester /*requester*/) {
  return started(ChairCommand::start);
}

std::future<control::CommandReply> RecordingChair::start_session(
    std::unique_ptr<control::SetpointSource> /*source*/) {
  return started(ChairCommand::start_session).reply;
}

std::future<control::CommandReply> RecordingChair::pause() {
  return carried_out(ChairCommand::pause, control::ChairState::paused, "paused");
}

std::future<control::CommandReply> RecordingChair::resume() {
  return carried_out(ChairCommand::resume, control::ChairState::running, "running");
}

std::future<control::CommandReply> RecordingChair::stop_session() {
  return carried_out(ChairCommand::stop_session, control::ChairState::ready, "ready");
}

std::future<control::CommandReply> RecordingChair::extend_session() {
  commands_.push_back(ChairCommand::extend_session);
  return answered(true, "extended");
}

std::future<control::CommandReply> RecordingChair::use_calibration(
    safety::Calibration /*calibration*/) {
  commands_.push_back(ChairCommand::use_calibration);
  return answered(true, "calibration in use");
}

std::future<control::CommandReply> RecordingChair::shut_down() {
  return carried_out(ChairCommand::shut_down, control::ChairState::stopping, "shut down");
}

std::chrono::nanoseconds RecordingChair::session_remaining() const {
  return status_.state == control::ChairState::running ? std::chrono::minutes(10)
                                                       : std::chrono::nanoseconds(0);
}

void RecordingChair::on_status_change(std::function<void(const control::ChairStatus&)> listener) {
  listeners_.push_back(std::move(listener));
}

}  // namespace fuzz
