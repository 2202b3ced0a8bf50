#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/control/chair_commands.hpp"

// The controller's stand-in for the API's fuzz harness: it records every command the API gives
// it, and carries each one out at once in a state machine as small as the chair's as clients see
// it (ready, running, paused), so that the requests that need a session find one. It moves
// nothing; it is there to be asked afterwards what reached it.
namespace fuzz {

enum class ChairCommand {
  emergency_stop,
  reset,
  start,  // a technician's source: the jog, the self-test, the guided calibration
  start_session,
  pause,
  resume,
  stop_session,
  extend_session,
  use_calibration,
  shut_down,
};

[[nodiscard]] const char* to_string(ChairCommand command);
// Commands that set the chair moving: starting a source, resuming one, the reset (it homes).
[[nodiscard]] bool moves_the_chair(ChairCommand command);

class RecordingChair final : public control::ChairCommands {
 public:
  RecordingChair();

  void emergency_stop(std::string_view source) override;
  std::future<control::CommandReply> reset() override;
  control::StartedSource start(std::unique_ptr<control::SetpointSource> source,
                               control::Requester requester) override;
  std::future<control::CommandReply> start_session(
      std::unique_ptr<control::SetpointSource> source) override;
  std::future<control::CommandReply> pause() override;
  std::future<control::CommandReply> resume() override;
  std::future<control::CommandReply> stop_session() override;
  std::future<control::CommandReply> extend_session() override;
  std::future<control::CommandReply> use_calibration(safety::Calibration calibration) override;
  std::future<control::CommandReply> shut_down() override;

  [[nodiscard]] control::ChairStatus status() const override { return status_; }
  [[nodiscard]] std::optional<safety::Decision> last_decision() const override {
    return std::nullopt;
  }
  [[nodiscard]] std::chrono::nanoseconds session_remaining() const override;
  void on_status_change(std::function<void(const control::ChairStatus&)> listener) override;

  // Every command received, in order.
  [[nodiscard]] const std::vector<ChairCommand>& commands() const { return commands_; }

 private:
  std::future<control::CommandReply> carried_out(ChairCommand command, control::ChairState next,
                                                 std::string cause);
  control::StartedSource started(ChairCommand command);

  control::ChairStatus status_;
  std::vector<ChairCommand> commands_;
  std::vector<std::function<void(const control::ChairStatus&)>> listeners_;
  std::uint64_t next_token_ = 1;
};

}  // namespace fuzz
