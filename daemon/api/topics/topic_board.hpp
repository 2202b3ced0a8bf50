#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/api/transport/api_role.hpp"
#include "daemon/api/transport/caller.hpp"

// Subscriptions: a client names the topics it wants, the fields of each, and the most
// notifications per second it takes; it is sent only what changed since it was last sent
// something, never faster than that. A state topic (the chair's status, the session's
// progress) is a set of fields with a current value each; an event topic (faults, log lines)
// is a stream of events, which wait between notifications, up to a bound, and are then
// counted as dropped. Runs on the main loop; time comes from the caller, so tests step it.
namespace massaged {

enum class TopicKind { state, events };

struct TopicSpec {
  std::string name;
  TopicKind kind = TopicKind::state;
  ApiRole role = ApiRole::panel;  // who may subscribe to it
  std::vector<std::string> fields;
  std::string description;
};

class TopicBoard {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  static constexpr double kMaxRateHz = 50.0;
  static constexpr double kMinRateHz = 0.1;
  static constexpr double kDefaultRateHz = 10.0;
  static constexpr std::size_t kMaxSubscriptionsPerClient = 8;
  // Events kept for one subscription between two of its notifications.
  static constexpr std::size_t kMaxWaitingEvents = 100;

  explicit TopicBoard(std::vector<TopicSpec> topics);

  // ---- what the daemon publishes ----
  // The current value of a state topic: an object with (some of) its fields.
  void set_state(std::string_view topic, const nlohmann::json& value);
  void add_event(std::string_view topic, const nlohmann::json& event);
  // Sends each subscription what changed, if its rate allows it now. Drops the subscriptions
  // of clients that have gone.
  void flush(time_point now);

  // ---- the API's methods ----
  // topics.subscribe: {"topics": {"status": ["state", "cause"], "progress": []},
  // "max_rate_hz": 5}; an empty list means every field. Returns the subscription's id and the
  // current value of its state topics. Throws JsonRpcError.
  nlohmann::json subscribe(const nlohmann::json& params, const Caller& caller);
  // topics.unsubscribe: {"subscription": 3}; only the client's own.
  nlohmann::json unsubscribe(const nlohmann::json& params, const Caller& caller);
  // topics.list: every topic, its kind, fields and the role it needs.
  [[nodiscard]] nlohmann::json describe() const;

  [[nodiscard]] std::size_t subscription_count() const { return subscriptions_.size(); }
  [[nodiscard]] const nlohmann::json& state(std::string_view topic) const;

 private:
  struct Subscription {
    std::uint64_t id = 0;
    std::uint64_t connection = 0;
    std::shared_ptr<NotificationSink> sink;
    std::map<std::string, std::vector<std::string>, std::less<>> fields;  // by topic
    std::chrono::nanoseconds min_interval{0};
    std::optional<time_point> last_sent;
    std::map<std::string, nlohmann::json, std::less<>> sent;  // state topics: what it was sent
    std::map<std::string, std::deque<nlohmann::json>, std::less<>> waiting;  // event topics
    std::map<std::string, std::uint64_t, std::less<>> dropped;
  };

  [[nodiscard]] const TopicSpec& spec(std::string_view topic) const;
  [[nodiscard]] nlohmann::json filtered(const nlohmann::json& value,
                                        const std::vector<std::string>& fields) const;
  // The notification due for `s` now, or null when nothing changed.
  nlohmann::json changes(Subscription& s);
  void drop(std::map<std::uint64_t, Subscription>::iterator it);

  std::vector<TopicSpec> topics_;
  std::map<std::string, nlohmann::json, std::less<>> states_;
  std::map<std::uint64_t, Subscription> subscriptions_;
  std::uint64_t next_id_ = 1;
};

}  // namespace massaged
