#include "daemon/api/api_server.hpp"

#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "daemon/api/server_info.hpp"
#include "tests/daemon/support/api_client.hpp"
#include "tests/daemon/support/temp_directory.hpp"

using massaged::testing::ApiClient;
using nlohmann::json;
using testing::HasSubstr;

namespace {

const std::string kInfo = R"({"jsonrpc":"2.0","method":"server.info","id":1})";

// A server on a real socket, its io_context on a thread of its own as the daemon's main loop.
class ApiServerTest : public testing::Test {
 protected:
  void start(massaged::ApiLimits limits) {
    massaged::add_server_info_method(rpc_, [] { return massaged::DaemonState::ready; });
    server_.emplace(massaged::ApiSocket::create(io_, socket_path()), rpc_, limits);
    server_->start();
    loop_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    boost::asio::post(io_, [this] { server_->stop(); });
    work_.reset();
    loop_.join();
  }

  [[nodiscard]] std::filesystem::path socket_path() const { return dir_ / "api.sock"; }

  // The number of connected clients, read on the loop's thread.
  std::size_t client_count() {
    std::promise<std::size_t> count;
    boost::asio::post(io_, [&] { count.set_value(server_->client_count()); });
    return count.get_future().get();
  }

  massaged::testing::TempDirectory dir_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  massaged::JsonRpcDispatcher rpc_;
  std::optional<massaged::ApiServer> server_;
  std::thread loop_;
};

json parsed(const std::optional<std::string>& line) {
  if (!line) return json("no reply");
  return json::parse(*line);
}

TEST_F(ApiServerTest, ServerInfoIsAnsweredOverTheSocket) {
  start({});
  ApiClient client(socket_path());
  const auto reply = parsed(client.call(kInfo));
  EXPECT_EQ(reply["result"]["name"], "massaged");
  EXPECT_EQ(reply["result"]["state"], "ready");
  EXPECT_EQ(reply["id"], 1);
}

TEST_F(ApiServerTest, ParseErrorIsAnsweredAndTheConnectionStaysUsable) {
  start({});
  ApiClient client(socket_path());
  EXPECT_EQ(parsed(client.call("{not json"))["error"]["code"], -32700);
  EXPECT_EQ(parsed(client.call(kInfo))["result"]["name"], "massaged");
}

TEST_F(ApiServerTest, InvalidRequestAndUnknownMethodAreAnswered) {
  start({});
  ApiClient client(socket_path());
  EXPECT_EQ(parsed(client.call(R"({"jsonrpc":"2.0","id":4})"))["error"]["code"], -32600);
  EXPECT_EQ(
      parsed(client.call(R"({"jsonrpc":"2.0","method":"chair.fly","id":5})"))["error"]["code"],
      -32601);
}

TEST_F(ApiServerTest, BatchIsAnsweredOnOneLine) {
  start({});
  ApiClient client(socket_path());
  const auto reply = parsed(client.call(
      R"([{"jsonrpc":"2.0","method":"server.info","id":1},{"jsonrpc":"2.0","method":"x","id":2}])"));
  ASSERT_TRUE(reply.is_array());
  ASSERT_EQ(reply.size(), 2U);
  EXPECT_EQ(reply[0]["id"], 1);
  EXPECT_EQ(reply[1]["error"]["code"], -32601);
}

TEST_F(ApiServerTest, NotificationGetsNoReplySoTheNextLineAnswersTheNextRequest) {
  start({});
  ApiClient client(socket_path());
  client.send(R"({"jsonrpc":"2.0","method":"server.info"})"
              "\n");
  const auto reply = parsed(client.call(R"({"jsonrpc":"2.0","method":"server.info","id":7})"));
  EXPECT_EQ(reply["id"], 7);
}

TEST_F(ApiServerTest, RequestsSentTogetherAreAllAnsweredInOrder) {
  start({});
  ApiClient client(socket_path());
  client.send(R"({"jsonrpc":"2.0","method":"server.info","id":1})"
              "\n\n"
              R"({"jsonrpc":"2.0","method":"server.info","id":2})"
              "\r\n");
  EXPECT_EQ(parsed(client.read_line())["id"], 1);
  EXPECT_EQ(parsed(client.read_line())["id"], 2);
}

TEST_F(ApiServerTest, FloodOfBlankLinesAndNotificationsIsWorkedThroughAndAnswered) {
  int notifications = 0;
  rpc_.add_method("chair.nudge", [&notifications](const json&) { return ++notifications; });
  start({.max_clients = 4, .max_message_bytes = 1048576});
  ApiClient client(socket_path());
  std::string flood(300000, '\n');
  for (int i = 0; i < 20000; ++i)
    flood += R"({"jsonrpc":"2.0","method":"chair.nudge"})"
             "\n";
  std::thread sender([&] { client.send(flood + kInfo + "\n"); });
  EXPECT_EQ(parsed(client.read_line(std::chrono::seconds(60)))["id"], 1);
  sender.join();
  std::promise<int> count;
  boost::asio::post(io_, [&] { count.set_value(notifications); });
  EXPECT_EQ(count.get_future().get(), 20000);
}

TEST_F(ApiServerTest, OverLongMessageGetsAnErrorThenTheConnectionCloses) {
  start({.max_clients = 4, .max_message_bytes = 1024});
  ApiClient client(socket_path());
  client.send(std::string(2000, ' ') + kInfo + "\n");
  const auto reply = parsed(client.read_line());
  EXPECT_EQ(reply["error"]["code"], -32600);
  EXPECT_EQ(reply["error"]["message"],
            "Invalid Request: the message is longer than api.max_message_bytes (1024 bytes); "
            "the connection is closed");
  EXPECT_TRUE(client.closed_by_peer());
  ApiClient next(socket_path());  // the daemon itself is unharmed
  EXPECT_EQ(parsed(next.call(kInfo))["id"], 1);
}

TEST_F(ApiServerTest, MessageOfExactlyTheLimitIsServed) {
  start({.max_clients = 4, .max_message_bytes = 1024});
  ApiClient client(socket_path());
  const std::string line = std::string(1024 - kInfo.size(), ' ') + kInfo;
  ASSERT_EQ(line.size(), 1024U);
  EXPECT_EQ(parsed(client.call(line))["result"]["name"], "massaged");
}

TEST_F(ApiServerTest, ClientBeyondMaxClientsIsToldWhyAndDisconnected) {
  start({.max_clients = 2});
  ApiClient first(socket_path());
  ApiClient second(socket_path());
  ASSERT_TRUE(first.call(kInfo));  // both are surely accepted
  ASSERT_TRUE(second.call(kInfo));
  ApiClient third(socket_path());
  const auto reply = parsed(third.read_line());
  EXPECT_EQ(reply["error"]["code"], -32000);
  EXPECT_EQ(reply["error"]["message"],
            "too many clients: 2 connected, api.max_clients = 2; try again later");
  EXPECT_TRUE(third.closed_by_peer());
  EXPECT_EQ(parsed(first.call(kInfo))["id"], 1);
}

TEST_F(ApiServerTest, PlaceFreedByALeavingClientIsGivenToTheNext) {
  start({.max_clients = 1});
  {
    ApiClient first(socket_path());
    ASSERT_TRUE(first.call(kInfo));
  }
  // The server learns of the hang-up on its own loop; wait for it, boundedly.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (client_count() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ApiClient next(socket_path());
  EXPECT_EQ(parsed(next.call(kInfo))["id"], 1);
}

TEST_F(ApiServerTest, IdleClientIsDisconnected) {
  start({.max_clients = 4, .idle_timeout = std::chrono::milliseconds(50)});
  ApiClient client(socket_path());
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ApiServerTest, ClientThatNeverReadsStallsOnlyItself) {
  start({});
  ApiClient greedy(socket_path());
  std::string flood;
  for (int i = 0; i < 20000; ++i) flood += kInfo + "\n";
  std::thread sender([&] { greedy.send(flood); });  // blocks once both directions are full
  ApiClient panel(socket_path());
  EXPECT_EQ(parsed(panel.call(kInfo))["result"]["state"], "ready");
  boost::asio::post(io_, [this] { server_->stop(); });  // ends the stalled connection too
  sender.join();
}

TEST_F(ApiServerTest, ClientHangingUpMidRequestLeavesTheServerServing) {
  start({});
  {
    ApiClient client(socket_path());
    client.send(R"({"jsonrpc":"2.0","method":"serv)");
  }
  ApiClient next(socket_path());
  EXPECT_EQ(parsed(next.call(kInfo))["id"], 1);
}

TEST_F(ApiServerTest, StopClosesEveryConnection) {
  start({});
  ApiClient client(socket_path());
  ASSERT_TRUE(client.call(kInfo));
  boost::asio::post(io_, [this] { server_->stop(); });
  EXPECT_TRUE(client.closed_by_peer());
}

}  // namespace
