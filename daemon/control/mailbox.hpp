#pragma once

#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/control/chair_command.hpp"

// Where other threads (the API, signals, tests) leave commands for the control loop, which takes
// them all at the start of its next cycle, in order. The emergency stop has a slot of its own,
// taken before any command; asking for it again before the loop takes it changes nothing but who is
// named as asking.
namespace control {

class Mailbox {
 public:
  // ---- any thread ----
  std::future<CommandReply> post(ChairCommand command);
  void ring_emergency_stop(std::string_view source);

  // ---- the control loop's thread ----
  // Who asked for an emergency stop since the last call, if anyone did.
  std::optional<std::string> take_emergency_stop();
  std::vector<PendingCommand> take_commands();

 private:
  std::atomic<bool> emergency_stop_{false};
  std::mutex mutex_;
  std::string emergency_stop_source_;
  std::vector<PendingCommand> commands_;
};

}  // namespace control
