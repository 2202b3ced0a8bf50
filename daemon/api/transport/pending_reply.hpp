#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/api/transport/later_answer.hpp"

// The reply to one message (a request, a notification or a batch) while some of its answers
// may still be to come. A batch is answered with one array once every request in it has its
// answer, as JSON-RPC 2.0 asks; notifications are carried out and never answered.
namespace massaged {

class PendingReply {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  // The reply to the message as a whole, ready now: a parse error, an empty batch.
  static PendingReply whole(nlohmann::json response);
  // A reply to one request (batch false) or to the requests of a batch.
  explicit PendingReply(bool batch = false) : batch_(batch) {}

  // Adds a request's answer, ready now. A notification's answer is dropped.
  void add_response(nlohmann::json id, bool notification, nlohmann::json response);
  // Adds a request whose answer comes later.
  void add_later(nlohmann::json id, bool notification, std::string method, LaterAnswer later);
  // Takes over the requests of `other` (answered from another thread, the emergency stop).
  void merge(PendingReply other);

  // Asks every answer still to come whether it is in; an answer whose patience ran out by `now`
  // becomes an error. True once the reply is complete.
  bool poll(time_point now);
  [[nodiscard]] bool complete() const;
  [[nodiscard]] bool batch() const { return batch_; }
  [[nodiscard]] std::size_t size() const { return slots_.size(); }

  // Once complete: the reply line without its newline, or nothing when no reply is due.
  [[nodiscard]] std::optional<std::string> text() const;

 private:
  struct Slot {
    nlohmann::json id;
    bool notification = false;
    std::optional<nlohmann::json> response;
    std::string method;
    std::optional<LaterAnswer> later;
    std::optional<time_point> deadline;
  };

  void poll(Slot& slot, time_point now);

  bool batch_ = false;
  std::vector<Slot> slots_;
  std::optional<nlohmann::json> whole_;
};

}  // namespace massaged
