#include "daemon/api/topics/topic_board.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/transport/json_rpc_error.hpp"

using massaged::ApiRole;
using massaged::JsonRpcError;
using massaged::TopicBoard;
using massaged::TopicKind;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// A client's connection as the board sees it: what it was sent.
class RecordingSink final : public massaged::NotificationSink {
 public:
  bool send(std::string line) override {
    if (!open_) return false;
    lines.push_back(json::parse(line));
    return true;
  }
  [[nodiscard]] bool open() const override { return open_; }
  void count_subscriptions(int change) override { subscriptions += change; }

  std::vector<json> lines;
  int subscriptions = 0;
  bool open_ = true;
};

class TopicBoardTest : public testing::Test {
 protected:
  TopicBoardTest()
      : board_({{"status", TopicKind::state, ApiRole::panel, {"state", "cause", "latched"}, ""},
                {"faults", TopicKind::events, ApiRole::panel, {"kind", "summary"}, ""},
                {"log", TopicKind::events, ApiRole::technician, {"level", "message"}, ""}}) {
    board_.set_state("status", {{"state", "ready"}, {"cause", ""}, {"latched", false}});
  }

  massaged::Caller client(ApiRole role = ApiRole::panel, std::uint64_t connection = 1) {
    return massaged::Caller{{}, role, connection, sink_};
  }

  json subscribe(const json& params) { return board_.subscribe(params, client()); }

  // The board's tick at `t` after the start.
  void flush_at(std::chrono::milliseconds t) { board_.flush(start_ + t); }

  std::shared_ptr<RecordingSink> sink_ = std::make_shared<RecordingSink>();
  TopicBoard board_;
  TopicBoard::time_point start_{std::chrono::hours(1)};
};

TEST_F(TopicBoardTest, SubscribingReturnsTheCurrentValuesOfTheFieldsAsked) {
  const auto r = subscribe({{"topics", {{"status", {"state"}}}}});
  EXPECT_EQ(r["subscription"], 1);
  EXPECT_EQ(r["current"], (json{{"status", {{"state", "ready"}}}}));
  EXPECT_EQ(r["max_rate_hz"], 10.0);
  EXPECT_EQ(sink_->subscriptions, 1);
}

TEST_F(TopicBoardTest, SubscriberIsSentOnlyWhatChanged) {
  subscribe({{"topics", {{"status", json::array()}}}});
  board_.set_state("status", {{"state", "running"}, {"cause", ""}, {"latched", false}});
  flush_at(0ms);
  ASSERT_EQ(sink_->lines.size(), 1U);
  EXPECT_EQ(
      sink_->lines[0],
      (json{{"jsonrpc", "2.0"},
            {"method", "topics.update"},
            {"params", {{"subscription", 1}, {"changed", {{"status", {{"state", "running"}}}}}}}}));
}

TEST_F(TopicBoardTest, NothingIsSentWhileNothingChanges) {
  subscribe({{"topics", {{"status", json::array()}}}});
  for (int tick = 0; tick < 10; ++tick) flush_at(std::chrono::milliseconds(tick * 20));
  EXPECT_TRUE(sink_->lines.empty());
}

TEST_F(TopicBoardTest, ChangeOfAFieldNotAskedForIsNotSent) {
  subscribe({{"topics", {{"status", {"state"}}}}});
  board_.set_state("status", {{"state", "ready"}, {"cause", "homing done"}, {"latched", false}});
  flush_at(0ms);
  EXPECT_TRUE(sink_->lines.empty());
}

TEST_F(TopicBoardTest, NotificationsNeverComeFasterThanTheRateAndCarryTheLatestValue) {
  subscribe({{"topics", {{"status", {"state"}}}}, {"max_rate_hz", 5}});
  board_.set_state("status", {{"state", "homing"}});
  flush_at(0ms);
  board_.set_state("status", {{"state", "ready"}});
  flush_at(50ms);
  board_.set_state("status", {{"state", "running"}});
  flush_at(100ms);
  EXPECT_EQ(sink_->lines.size(), 1U);  // 5 per second: the next one at 200 ms
  flush_at(200ms);
  ASSERT_EQ(sink_->lines.size(), 2U);
  EXPECT_EQ(sink_->lines[1]["params"]["changed"]["status"]["state"], "running");
}

TEST_F(TopicBoardTest, FieldThatLostItsValueIsSentAsNull) {
  subscribe({{"topics", {{"status", json::array()}}}});
  board_.set_state("status", {{"state", "ready"}, {"latched", false}});
  flush_at(0ms);
  ASSERT_EQ(sink_->lines.size(), 1U);
  EXPECT_TRUE(sink_->lines[0]["params"]["changed"]["status"]["cause"].is_null());
}

TEST_F(TopicBoardTest, EventsWaitForTheNextNotificationAndAreSentTogether) {
  subscribe({{"topics", {{"faults", {"summary"}}}}, {"max_rate_hz", 1}});
  board_.add_event("faults", {{"kind", "stall"}, {"summary", "stall on depth (unit 3)"}});
  flush_at(0ms);
  board_.add_event("faults", {{"kind", "stall"}, {"summary", "stall on travel (unit 1)"}});
  board_.add_event("faults", {{"kind", "over_temperature"}, {"summary", "hot knead (unit 4)"}});
  flush_at(500ms);
  ASSERT_EQ(sink_->lines.size(), 1U);
  flush_at(1000ms);
  ASSERT_EQ(sink_->lines.size(), 2U);
  EXPECT_EQ(sink_->lines[1]["params"]["events"]["faults"],
            (json{{{"summary", "stall on travel (unit 1)"}}, {{"summary", "hot knead (unit 4)"}}}));
}

TEST_F(TopicBoardTest, EventsBeyondWhatASubscriptionKeepsAreCountedAsDropped) {
  subscribe({{"topics", {{"faults", json::array()}}}});
  for (std::size_t i = 0; i < TopicBoard::kMaxWaitingEvents + 7; ++i) {
    board_.add_event("faults", {{"kind", "stall"}, {"summary", std::to_string(i)}});
  }
  flush_at(0ms);
  ASSERT_EQ(sink_->lines.size(), 1U);
  const auto& params = sink_->lines[0]["params"];
  EXPECT_EQ(params["events"]["faults"].size(), TopicBoard::kMaxWaitingEvents);
  EXPECT_EQ(params["events"]["faults"][0]["summary"], "7");  // the oldest went first
  EXPECT_EQ(params["dropped"]["faults"], 7);
}

TEST_F(TopicBoardTest, UnknownTopicOrFieldIsRefusedListingWhatThereIs) {
  try {
    subscribe({{"topics", {{"weather", json::array()}}}});
    FAIL() << "accepted an unknown topic";
  } catch (const JsonRpcError& e) {
    EXPECT_EQ(e.code(), massaged::JsonRpcErrorCode::invalid_params);
    EXPECT_EQ(e.data()["topics"], (json{"status", "faults", "log"}));
  }
  try {
    subscribe({{"topics", {{"status", {"colour"}}}}});
    FAIL() << "accepted an unknown field";
  } catch (const JsonRpcError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Invalid params: topics.subscribe: the topic status has no field \"colour\"");
    EXPECT_EQ(e.data()["fields"], (json{"state", "cause", "latched"}));
  }
  EXPECT_EQ(board_.subscription_count(), 0U);
}

TEST_F(TopicBoardTest, RateOutsideItsRangeIsRefused) {
  EXPECT_THROW(subscribe({{"topics", {{"status", json::array()}}}, {"max_rate_hz", 500}}),
               JsonRpcError);
  EXPECT_THROW(subscribe({{"topics", {{"status", json::array()}}}, {"max_rate_hz", 0}}),
               JsonRpcError);
  EXPECT_THROW(subscribe({{"topics", {{"status", json::array()}}}, {"max_rate_hz", "fast"}}),
               JsonRpcError);
}

TEST_F(TopicBoardTest, TopicNeedingAHigherRoleIsRefusedNamingIt) {
  try {
    board_.subscribe({{"topics", {{"log", json::array()}}}}, client(ApiRole::panel));
    FAIL() << "a panel subscribed to the log";
  } catch (const JsonRpcError& e) {
    EXPECT_EQ(e.code(), massaged::JsonRpcErrorCode::forbidden);
    EXPECT_EQ(e.data()["required_role"], "technician");
  }
  EXPECT_NO_THROW(
      board_.subscribe({{"topics", {{"log", json::array()}}}}, client(ApiRole::technician)));
}

TEST_F(TopicBoardTest, ClientMayHoldOnlySoManySubscriptions) {
  for (std::size_t i = 0; i < TopicBoard::kMaxSubscriptionsPerClient; ++i) {
    subscribe({{"topics", {{"status", json::array()}}}});
  }
  try {
    subscribe({{"topics", {{"status", json::array()}}}});
    FAIL() << "no limit";
  } catch (const JsonRpcError& e) {
    EXPECT_EQ(e.code(), massaged::JsonRpcErrorCode::too_many_subscriptions);
  }
  // Another client is not affected.
  EXPECT_NO_THROW(
      board_.subscribe({{"topics", {{"status", json::array()}}}}, client(ApiRole::panel, 2)));
}

TEST_F(TopicBoardTest, UnsubscribedClientIsSentNothingMoreAndOthersCannotUnsubscribeIt) {
  const auto id = subscribe({{"topics", {{"status", json::array()}}}})["subscription"];
  EXPECT_THROW(board_.unsubscribe({{"subscription", id}}, client(ApiRole::panel, 2)), JsonRpcError);
  board_.unsubscribe({{"subscription", id}}, client());
  EXPECT_EQ(sink_->subscriptions, 0);
  board_.set_state("status", {{"state", "running"}});
  flush_at(0ms);
  EXPECT_TRUE(sink_->lines.empty());
  EXPECT_THROW(board_.unsubscribe({{"subscription", id}}, client()), JsonRpcError);
}

TEST_F(TopicBoardTest, SubscriptionsOfAClientThatLeftAreDropped) {
  subscribe({{"topics", {{"status", json::array()}}}});
  sink_->open_ = false;
  flush_at(0ms);
  EXPECT_EQ(board_.subscription_count(), 0U);
}

TEST_F(TopicBoardTest, ClientWithoutAConnectionCannotSubscribe) {
  massaged::Caller test_caller{{}, ApiRole::oem, 0, nullptr};
  try {
    board_.subscribe({{"topics", {{"status", json::array()}}}}, test_caller);
    FAIL() << "subscribed without a way to be told";
  } catch (const JsonRpcError& e) {
    EXPECT_EQ(e.code(), massaged::JsonRpcErrorCode::unavailable);
  }
}

}  // namespace
