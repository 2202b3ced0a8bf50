#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

// The answer to a request that comes later: the chair's control loop carries out commands at
// the start of its next cycle, a reset once the drives have enabled. The server polls it on
// the main loop, never waiting there, and answers the client when it is in.
namespace massaged {

class LaterAnswer {
 public:
  // The result once there is one, nothing before. Throws JsonRpcError to answer with an error.
  using Poll = std::function<std::optional<nlohmann::json>()>;

  // `waiting_for` completes "the chair did not answer ... within N ms": "the reset".
  LaterAnswer(Poll poll, std::chrono::milliseconds patience, std::string waiting_for)
      : poll_(std::move(poll)), patience_(patience), waiting_for_(std::move(waiting_for)) {}

  [[nodiscard]] std::optional<nlohmann::json> poll() const { return poll_(); }
  [[nodiscard]] std::chrono::milliseconds patience() const { return patience_; }
  [[nodiscard]] const std::string& waiting_for() const { return waiting_for_; }

 private:
  Poll poll_;
  std::chrono::milliseconds patience_;
  std::string waiting_for_;
};

}  // namespace massaged
