#include "daemon/api/transport/json_rpc_dispatcher.hpp"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/methods/server_info.hpp"

using nlohmann::json;
using testing::HasSubstr;
using Role = massaged::ApiRole;

namespace {

class JsonRpcDispatcherTest : public testing::Test {
 protected:
  JsonRpcDispatcherTest() {
    massaged::add_server_info_method(rpc_, [this] { return state_; });
    rpc_.add_method("chair.count", Role::anyone,
                    [this](const json&, const massaged::Caller&) { return ++calls_; });
    rpc_.add_method("chair.refuse", Role::anyone, [](const json&, const massaged::Caller&) -> json {
      throw massaged::JsonRpcError(massaged::JsonRpcErrorCode::invalid_params,
                                   "Invalid params: intensity must be 1..5", json{{"max", 5}});
    });
    rpc_.add_method("chair.crash", Role::anyone, [](const json&, const massaged::Caller&) -> json {
      throw std::runtime_error("boom");
    });
    rpc_.add_method("programs.install", Role::oem,
                    [](const json&, const massaged::Caller&) { return json("installed"); });
    rpc_.add_urgent_method("chair.stop", Role::anyone,
                           [this](const json&, const massaged::Caller&) {
                             ++stops_;
                             return json("stopped");
                           });
    rpc_.add_method("chair.reset", Role::panel, [this](const json&, const massaged::Caller&) {
      return massaged::LaterAnswer(
          [this]() -> std::optional<json> {
            if (!reset_done_) return std::nullopt;
            return json("reset");
          },
          std::chrono::milliseconds(100), "the reset");
    });
  }

  std::optional<std::string> answer(const std::string& message) {
    return massaged::answer_now(rpc_, message, caller_);
  }

  json reply(const std::string& message) {
    const auto text = answer(message);
    if (!text) return json("no reply");
    EXPECT_EQ(text->find('\n'), std::string::npos) << "a reply is one line";
    return json::parse(*text);
  }

  massaged::JsonRpcDispatcher rpc_;
  massaged::Caller caller_{{}, Role::oem, 0, nullptr};
  massaged::DaemonState state_ = massaged::DaemonState::ready;
  int calls_ = 0;
  int stops_ = 0;
  bool reset_done_ = false;
};

TEST_F(JsonRpcDispatcherTest, ServerInfoNamesTheDaemonItsVersionAndState) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"server.info","id":1})");
  EXPECT_EQ(r["jsonrpc"], "2.0");
  EXPECT_EQ(r["id"], 1);
  EXPECT_EQ(r["result"]["name"], "massaged");
  EXPECT_EQ(r["result"]["version"], MASSAGED_VERSION);
  EXPECT_EQ(r["result"]["api_version"], 1);
  EXPECT_EQ(r["result"]["state"], "ready");
  EXPECT_EQ(r["result"]["role"], "oem");
}

TEST_F(JsonRpcDispatcherTest, ServerInfoSaysStartingUntilTheDaemonIsReady) {
  state_ = massaged::DaemonState::starting;
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"server.info","id":1})")["result"]["state"],
            "starting");
}

TEST_F(JsonRpcDispatcherTest, MalformedJsonIsAParseErrorWithNullId) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"server.info","id":1)");
  EXPECT_EQ(r["error"]["code"], -32700);
  EXPECT_THAT(r["error"]["message"].get<std::string>(), HasSubstr("Parse error"));
  EXPECT_TRUE(r["id"].is_null());
}

TEST_F(JsonRpcDispatcherTest, MessageThatIsNotAnObjectIsAnInvalidRequest) {
  const auto r = reply("42");
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_EQ(r["error"]["message"], "Invalid Request: a request must be a JSON object");
  EXPECT_TRUE(r["id"].is_null());
}

TEST_F(JsonRpcDispatcherTest, WrongProtocolVersionIsAnInvalidRequestAnsweringItsId) {
  const auto r = reply(R"({"jsonrpc":"1.0","method":"server.info","id":"a"})");
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_EQ(r["error"]["message"], "Invalid Request: \"jsonrpc\" must be \"2.0\"");
  EXPECT_EQ(r["id"], "a");
}

TEST_F(JsonRpcDispatcherTest, MethodThatIsNotAStringIsAnInvalidRequestEvenWithoutId) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":1,"params":"bar"})");
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_TRUE(r["id"].is_null());
}

TEST_F(JsonRpcDispatcherTest, MisspelledMemberIsAnInvalidRequestNamingIt) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"server.info","param":{},"id":3})");
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_THAT(r["error"]["message"].get<std::string>(), HasSubstr("unknown member \"param\""));
}

TEST_F(JsonRpcDispatcherTest, IdOfAWrongTypeIsAnInvalidRequest) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"server.info","id":{"x":1}})");
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_TRUE(r["id"].is_null());
}

TEST_F(JsonRpcDispatcherTest, ParamsThatAreNeitherObjectNorArrayAreAnInvalidRequest) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"server.info","params":7,"id":3})");
  EXPECT_EQ(r["error"]["code"], -32600);
}

TEST_F(JsonRpcDispatcherTest, IdIsAnsweredExactlyAsSent) {
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"chair.count","id":"panel-7"})")["id"], "panel-7");
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"chair.count","id":-12})")["id"], -12);
  const auto null_id = reply(R"({"jsonrpc":"2.0","method":"chair.count","id":null})");
  EXPECT_TRUE(null_id.contains("id") && null_id["id"].is_null());
  EXPECT_EQ(null_id["result"], 3);
}

TEST_F(JsonRpcDispatcherTest, UnknownMethodIsMethodNotFoundListingTheMethods) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"chair.fly","id":9})");
  EXPECT_EQ(r["error"]["code"], -32601);
  EXPECT_EQ(r["error"]["message"], "Method not found: \"chair.fly\"");
  EXPECT_THAT(r["error"]["data"]["methods"].get<std::vector<std::string>>(),
              testing::Contains("server.info"));
  EXPECT_EQ(r["id"], 9);
}

TEST_F(JsonRpcDispatcherTest, MethodNotOfferedYetWhileStartingIsUnavailableNotUnknown) {
  state_ = massaged::DaemonState::starting;
  const auto r = reply(R"({"jsonrpc":"2.0","method":"session.start","id":9})");
  EXPECT_EQ(r["error"]["code"], -32006);
  EXPECT_THAT(r["error"]["message"].get<std::string>(), HasSubstr("the daemon is starting"));
  EXPECT_EQ(r["error"]["data"]["reason"], "starting");
  state_ = massaged::DaemonState::ready;
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"session.start","id":9})")["error"]["code"], -32601);
}

TEST_F(JsonRpcDispatcherTest, ParamsForAMethodWithoutParamsAreInvalidParams) {
  const auto r =
      reply(R"({"jsonrpc":"2.0","method":"server.info","params":{"verbose":true},"id":2})");
  EXPECT_EQ(r["error"]["code"], -32602);
  EXPECT_EQ(r["error"]["message"], "Invalid params: server.info takes no parameters");
  EXPECT_EQ(
      reply(R"({"jsonrpc":"2.0","method":"server.info","params":[],"id":2})")["result"]["name"],
      "massaged");
}

TEST_F(JsonRpcDispatcherTest, MethodRefusalReachesTheClientWithItsCodeAndData) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"chair.refuse","id":1})");
  EXPECT_EQ(r["error"]["code"], -32602);
  EXPECT_EQ(r["error"]["message"], "Invalid params: intensity must be 1..5");
  EXPECT_EQ(r["error"]["data"]["max"], 5);
}

TEST_F(JsonRpcDispatcherTest, MethodThatThrowsIsAnInternalErrorAndTheNextRequestIsServed) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"chair.crash","id":1})");
  EXPECT_EQ(r["error"]["code"], -32603);
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"chair.count","id":2})")["result"], 1);
}

TEST_F(JsonRpcDispatcherTest, NotificationRunsTheMethodAndGetsNoReply) {
  EXPECT_FALSE(answer(R"({"jsonrpc":"2.0","method":"chair.count"})"));
  EXPECT_EQ(calls_, 1);
}

TEST_F(JsonRpcDispatcherTest, NotificationGetsNoReplyEvenWhenItFails) {
  EXPECT_FALSE(answer(R"({"jsonrpc":"2.0","method":"chair.fly"})"));
  EXPECT_FALSE(answer(R"({"jsonrpc":"2.0","method":"chair.crash"})"));
  EXPECT_FALSE(answer(R"({"jsonrpc":"2.0","method":"server.info","params":{"x":1}})"));
}

TEST_F(JsonRpcDispatcherTest, BatchAnswersEachRequestInOrderAndSkipsNotifications) {
  const auto r = reply(R"([
    {"jsonrpc":"2.0","method":"chair.count","id":1},
    {"jsonrpc":"2.0","method":"chair.count"},
    {"jsonrpc":"2.0","method":"chair.fly","id":"x"},
    5,
    {"jsonrpc":"2.0","method":"chair.count","id":2}
  ])");
  ASSERT_TRUE(r.is_array());
  ASSERT_EQ(r.size(), 4U);
  EXPECT_EQ(r[0]["result"], 1);
  EXPECT_EQ(r[1]["error"]["code"], -32601);
  EXPECT_EQ(r[2]["error"]["code"], -32600);
  EXPECT_EQ(r[3]["result"], 3);
  EXPECT_EQ(calls_, 3);
}

TEST_F(JsonRpcDispatcherTest, BatchOfNotificationsGetsNoReplyAtAll) {
  EXPECT_FALSE(answer(
      R"([{"jsonrpc":"2.0","method":"chair.count"},{"jsonrpc":"2.0","method":"chair.count"}])"));
  EXPECT_EQ(calls_, 2);
}

TEST_F(JsonRpcDispatcherTest, EmptyBatchIsOneInvalidRequest) {
  const auto r = reply("[]");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["error"]["code"], -32600);
}

TEST_F(JsonRpcDispatcherTest, BatchWithBrokenJsonIsOneParseError) {
  const auto r = reply(R"([{"jsonrpc":"2.0","method":"chair.count","id":1},{"jsonrpc")");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["error"]["code"], -32700);
  EXPECT_EQ(calls_, 0);
}

TEST_F(JsonRpcDispatcherTest, DeeplyNestedMessageIsRefusedWithoutHarm) {
  const std::string nested = std::string(500000, '[') + std::string(500000, ']');
  const auto r =
      reply(R"({"jsonrpc":"2.0","method":"chair.count","params":)" + nested + R"(,"id":1})");
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_EQ(r["error"]["message"], "Invalid Request: the message nests deeper than 32 levels");
  EXPECT_EQ(calls_, 0);
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"chair.count","id":2})")["result"], 1);
}

TEST_F(JsonRpcDispatcherTest, NestingUpToTheLimitIsServed) {
  // The request object is one level, params another: 30 more arrays reach the limit of 32.
  const std::string nested = std::string(30, '[') + std::string(30, ']');
  const auto r =
      reply(R"({"jsonrpc":"2.0","method":"chair.count","params":[)" + nested + R"(],"id":1})");
  EXPECT_EQ(r["result"], 1);
}

TEST_F(JsonRpcDispatcherTest, RegisteringAMethodTwiceIsAProgrammingError) {
  EXPECT_THROW(rpc_.add_method("chair.count", Role::anyone,
                               [](const json&, const massaged::Caller&) { return json(); }),
               std::logic_error);
}

// ---- Roles ----

TEST_F(JsonRpcDispatcherTest, CallWithoutTheRoleItNeedsIsRefusedNamingTheRole) {
  caller_.role = Role::technician;
  caller_.credentials.uid = 1000;
  const auto r = reply(R"({"jsonrpc":"2.0","method":"programs.install","id":1})");
  EXPECT_EQ(r["error"]["code"], -32001);
  EXPECT_EQ(r["error"]["message"],
            "programs.install needs the oem role; this client (uid 1000) has the technician role: "
            "add its user to a group listed in api.roles.oem");
  EXPECT_EQ(r["error"]["data"]["required_role"], "oem");
  EXPECT_EQ(r["error"]["data"]["role"], "technician");
}

TEST_F(JsonRpcDispatcherTest, ClientWithoutARoleMayStillAskWhoAnswersAndStopTheChair) {
  caller_.role = Role::anyone;
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"server.info","id":1})")["result"]["role"],
            "anyone");
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"chair.stop","id":2})")["result"], "stopped");
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","method":"chair.reset","id":3})")["error"]["code"], -32001);
}

TEST_F(JsonRpcDispatcherTest, ServerInfoListsTheMethodsTheCallerMayCall) {
  caller_.role = Role::panel;
  const auto methods =
      reply(R"({"jsonrpc":"2.0","method":"server.info","id":1})")["result"]["methods"];
  EXPECT_THAT(methods.get<std::vector<std::string>>(),
              testing::AllOf(testing::Contains("chair.reset"), testing::Contains("chair.stop"),
                             testing::Not(testing::Contains("programs.install"))));
}

// ---- Urgent methods, answered on the reading path ----

TEST_F(JsonRpcDispatcherTest, UrgentRequestIsCarriedOutAndAnsweredOnTheSpot) {
  auto part = rpc_.take_urgent(R"({"jsonrpc":"2.0","method":"chair.stop","id":5})", caller_);
  ASSERT_TRUE(part);
  EXPECT_EQ(stops_, 1);
  EXPECT_FALSE(part->rest);
  ASSERT_TRUE(part->answered.complete());
  EXPECT_EQ(json::parse(*part->answered.text())["result"], "stopped");
}

TEST_F(JsonRpcDispatcherTest, MessageWithoutAnUrgentRequestIsLeftForTheMainLoop) {
  EXPECT_FALSE(rpc_.take_urgent(R"({"jsonrpc":"2.0","method":"server.info","id":5})", caller_));
  // Naming the method elsewhere than as the method is not a stop.
  EXPECT_FALSE(rpc_.take_urgent(
      R"({"jsonrpc":"2.0","method":"chair.count","params":{"note":"chair.stop"},"id":5})",
      caller_));
  EXPECT_FALSE(rpc_.take_urgent(R"({"chair.stop)", caller_));
  EXPECT_EQ(stops_, 0);
  EXPECT_EQ(calls_, 0);
}

TEST_F(JsonRpcDispatcherTest, BatchMixingAStopWithOtherRequestsStopsAtOnceAndAnswersOneArray) {
  auto part = rpc_.take_urgent(R"([{"jsonrpc":"2.0","method":"chair.count","id":1},
                                   {"jsonrpc":"2.0","method":"chair.stop","id":2},
                                   {"jsonrpc":"2.0","method":"chair.count","id":3}])",
                               caller_);
  ASSERT_TRUE(part);
  EXPECT_EQ(stops_, 1);
  EXPECT_EQ(calls_, 0);  // the rest waits for the main loop
  ASSERT_TRUE(part->rest);
  auto rest = rpc_.answer_parsed(*part->rest, caller_, std::move(part->answered));
  ASSERT_TRUE(rest.poll(std::chrono::steady_clock::now()));
  const auto r = json::parse(*rest.text());
  ASSERT_TRUE(r.is_array());
  ASSERT_EQ(r.size(), 3U);
  std::set<int> ids;
  for (const auto& response : r) ids.insert(response["id"].get<int>());
  EXPECT_EQ(ids, (std::set<int>{1, 2, 3}));
  EXPECT_EQ(calls_, 2);
}

// ---- Answers that come later ----

TEST_F(JsonRpcDispatcherTest, AnswerThatComesLaterIsSentOnceItIsIn) {
  auto pending = rpc_.answer(R"({"jsonrpc":"2.0","method":"chair.reset","id":8})", caller_);
  const auto now = std::chrono::steady_clock::now();
  EXPECT_FALSE(pending.poll(now));
  reset_done_ = true;
  ASSERT_TRUE(pending.poll(now + std::chrono::milliseconds(10)));
  const auto r = json::parse(*pending.text());
  EXPECT_EQ(r["result"], "reset");
  EXPECT_EQ(r["id"], 8);
}

TEST_F(JsonRpcDispatcherTest, AnswerThatNeverComesBecomesATimeoutError) {
  auto pending = rpc_.answer(R"({"jsonrpc":"2.0","method":"chair.reset","id":8})", caller_);
  const auto now = std::chrono::steady_clock::now();
  EXPECT_FALSE(pending.poll(now));
  ASSERT_TRUE(pending.poll(now + std::chrono::milliseconds(100)));
  const auto r = json::parse(*pending.text());
  EXPECT_EQ(r["error"]["code"], -32007);
  EXPECT_EQ(r["error"]["message"],
            "the chair did not answer the reset within 100 ms; check chair.status and the "
            "daemon's log");
  EXPECT_EQ(r["error"]["data"]["waited_ms"], 100);
}

TEST_F(JsonRpcDispatcherTest, BatchIsAnsweredOnceEveryAnswerInItIsIn) {
  auto pending = rpc_.answer(R"([{"jsonrpc":"2.0","method":"chair.count","id":1},
                                 {"jsonrpc":"2.0","method":"chair.reset","id":2}])",
                             caller_);
  const auto now = std::chrono::steady_clock::now();
  EXPECT_FALSE(pending.poll(now));
  reset_done_ = true;
  ASSERT_TRUE(pending.poll(now));
  const auto r = json::parse(*pending.text());
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[0]["result"], 1);
  EXPECT_EQ(r[1]["result"], "reset");
}

}  // namespace
