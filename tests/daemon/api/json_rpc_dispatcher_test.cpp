#include "daemon/api/json_rpc_dispatcher.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/server_info.hpp"

using nlohmann::json;
using testing::HasSubstr;

namespace {

class JsonRpcDispatcherTest : public testing::Test {
 protected:
  JsonRpcDispatcherTest() {
    massaged::add_server_info_method(rpc_, [this] { return state_; });
    rpc_.add_method("chair.count", [this](const json&) { return ++calls_; });
    rpc_.add_method("chair.refuse", [](const json&) -> json {
      throw massaged::JsonRpcError(massaged::JsonRpcErrorCode::invalid_params,
                                   "Invalid params: intensity must be 1..5", json{{"max", 5}});
    });
    rpc_.add_method("chair.crash", [](const json&) -> json { throw std::runtime_error("boom"); });
  }

  json reply(const std::string& message) {
    const auto text = rpc_.answer(message);
    if (!text) return json("no reply");
    EXPECT_EQ(text->find('\n'), std::string::npos) << "a reply is one line";
    return json::parse(*text);
  }

  massaged::JsonRpcDispatcher rpc_;
  massaged::DaemonState state_ = massaged::DaemonState::ready;
  int calls_ = 0;
};

TEST_F(JsonRpcDispatcherTest, ServerInfoNamesTheDaemonItsVersionAndState) {
  const auto r = reply(R"({"jsonrpc":"2.0","method":"server.info","id":1})");
  EXPECT_EQ(r, (json{{"jsonrpc", "2.0"},
                     {"id", 1},
                     {"result",
                      {{"name", "massaged"},
                       {"version", MASSAGED_VERSION},
                       {"api_version", 1},
                       {"state", "ready"}}}}));
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
  EXPECT_FALSE(rpc_.answer(R"({"jsonrpc":"2.0","method":"chair.count"})"));
  EXPECT_EQ(calls_, 1);
}

TEST_F(JsonRpcDispatcherTest, NotificationGetsNoReplyEvenWhenItFails) {
  EXPECT_FALSE(rpc_.answer(R"({"jsonrpc":"2.0","method":"chair.fly"})"));
  EXPECT_FALSE(rpc_.answer(R"({"jsonrpc":"2.0","method":"chair.crash"})"));
  EXPECT_FALSE(rpc_.answer(R"({"jsonrpc":"2.0","method":"server.info","params":{"x":1}})"));
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
  EXPECT_FALSE(rpc_.answer(
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
  EXPECT_THROW(rpc_.add_method("chair.count", [](const json&) { return json(); }),
               std::logic_error);
}

}  // namespace
