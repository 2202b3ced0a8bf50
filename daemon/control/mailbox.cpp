#include "daemon/control/mailbox.hpp"

namespace control {

std::future<CommandReply> Mailbox::post(ChairCommand command) {
  PendingCommand pending{std::move(command), {}};
  auto future = pending.reply.get_future();
  const std::lock_guard lock(mutex_);
  commands_.push_back(std::move(pending));
  return future;
}

void Mailbox::ring_emergency_stop(std::string_view source) {
  {
    const std::lock_guard lock(mutex_);
    emergency_stop_source_ = std::string(source);
  }
  emergency_stop_.store(true, std::memory_order_release);
}

std::optional<std::string> Mailbox::take_emergency_stop() {
  if (!emergency_stop_.exchange(false, std::memory_order_acq_rel)) return std::nullopt;
  const std::lock_guard lock(mutex_);
  return emergency_stop_source_;
}

std::vector<PendingCommand> Mailbox::take_commands() {
  std::vector<PendingCommand> commands;
  const std::lock_guard lock(mutex_);
  commands.swap(commands_);
  return commands;
}

}  // namespace control
