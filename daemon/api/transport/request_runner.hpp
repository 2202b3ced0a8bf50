#pragma once

#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/api/transport/caller.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"

// The main loop's side of the API: answers each client's messages in the order they came,
// one after the other, and hands each reply back as soon as it is complete. An answer that
// comes later (a command for the control loop) is polled on a short timer, so the main loop
// never waits for the chair.
namespace massaged {

// One line a client sent, as far as the reading thread got with it.
struct IncomingMessage {
  std::string text;  // the line, when nothing of it was answered yet
  // Else: the urgent requests of a batch already answered, and the rest to answer here.
  std::optional<JsonRpcDispatcher::UrgentPart> urgent;
  std::size_t size = 0;  // the line's length, for the connection's flow control
};

class RequestRunner : public std::enable_shared_from_this<RequestRunner> {
 public:
  // How often answers that come later are asked whether they are in.
  static constexpr std::chrono::milliseconds kPollInterval{2};

  // Owned by a shared_ptr: the poll timer's handler holds a weak one.
  RequestRunner(boost::asio::any_io_executor main_loop, const JsonRpcDispatcher& rpc);

  // Main loop only. `send` gets each reply line (without its newline), `done` is called once
  // every message was answered. Neither is called after stop().
  void run(std::shared_ptr<const Caller> caller, std::vector<IncomingMessage> messages,
           std::function<void(std::string)> send, std::function<void()> done);
  // Drops every job still waiting.
  void stop();

 private:
  struct Job {
    std::shared_ptr<const Caller> caller;
    std::vector<IncomingMessage> messages;
    std::size_t next = 0;
    std::optional<PendingReply> current;
    std::function<void(std::string)> send;
    std::function<void()> done;
  };

  void advance(const std::shared_ptr<Job>& job);
  void arm_timer();
  void poll_waiting();

  const JsonRpcDispatcher& rpc_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;
  std::list<std::shared_ptr<Job>> waiting_;
  bool stopped_ = false;
};

}  // namespace massaged
