#include "daemon/api/transport/api_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "daemon/api/methods/server_info.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/support/api_client.hpp"

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

  test_support::TempDirectory dir_;
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
  rpc_.add_method(
      "chair.nudge", massaged::ApiRole::anyone,
      [&notifications](const json&, const massaged::Caller&) { return ++notifications; });
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
  EXPECT_EQ(reply["error"]["code"], -32009);
  EXPECT_EQ(reply["error"]["message"],
            "the message is longer than api.max_message_bytes (1024 bytes); the connection is "
            "closed");
  EXPECT_EQ(reply["error"]["data"]["max_message_bytes"], 1024);
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
  start({.max_clients = 2, .refused_grace = std::chrono::milliseconds(100)});
  ApiClient first(socket_path());
  ApiClient second(socket_path());
  ASSERT_TRUE(first.call(kInfo));  // both are surely accepted
  ASSERT_TRUE(second.call(kInfo));
  ApiClient third(socket_path());
  const auto reply = parsed(third.read_line());
  EXPECT_EQ(reply["error"]["code"], -32000);
  EXPECT_EQ(reply["error"]["message"],
            "too many clients: 2 connected, api.max_clients = 2; try again later (an emergency "
            "stop sent now is still carried out)");
  EXPECT_EQ(reply["error"]["data"]["max_clients"], 2);
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

TEST_F(ApiServerTest, ClientThatNeverReadsIsDroppedWhileOthersAreServed) {
  start({.max_queued_bytes = 64 * 1024});
  ApiClient greedy(socket_path());
  std::string flood;
  for (int i = 0; i < 20000; ++i) flood += kInfo + "\n";
  // Blocks once both directions are full, until the server drops the client.
  std::thread sender([&] { greedy.send(flood); });
  ApiClient panel(socket_path());
  EXPECT_EQ(parsed(panel.call(kInfo))["result"]["state"], "ready");
  sender.join();
  // What was sent before the drop can still be read; then the connection is over.
  EXPECT_TRUE(greedy.closed_by_peer());
  EXPECT_EQ(parsed(panel.call(kInfo))["result"]["state"], "ready");
}

// The server's log lines, kept from before it starts until after its threads have stopped (the
// fixture's TearDown), so that nothing logs while the logger is swapped.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink_));
  }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;
  ~CapturedLog() { spdlog::set_default_logger(previous_); }

  [[nodiscard]] std::string text() const {
    std::string out;
    for (const auto& line : sink_->last_formatted()) out += line;
    return out;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_ =
      std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
};

class ApiServerLoggedTest : public ApiServerTest {
 protected:
  CapturedLog log_;  // before the server, restored after it: see CapturedLog
};

TEST_F(ApiServerLoggedTest, ClientThatStopsReadingIsDroppedByTimeWhateverTheBuffersHold) {
  // The queue may grow far beyond what any kernel buffers: only time can drop this client.
  start({.max_queued_bytes = 256 * 1024 * 1024, .send_timeout = std::chrono::milliseconds(200)});
  ApiClient deaf(socket_path());
  ApiClient panel(socket_path());
  ASSERT_TRUE(panel.call(kInfo));  // both are surely accepted
  std::string requests;
  for (int i = 0; i < 1000; ++i) requests += kInfo + "\n";
  // It sends on and never reads, until it is dropped: however much the buffers absorb, its
  // replies stop moving at some point, and from then on the send timeout runs.
  std::thread sender([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (client_count() == 2 && std::chrono::steady_clock::now() < deadline) deaf.send(requests);
  });
  EXPECT_EQ(parsed(panel.call(kInfo))["result"]["state"], "ready");  // served meanwhile
  sender.join();
  EXPECT_TRUE(deaf.closed_by_peer(std::chrono::seconds(30)));
  EXPECT_THAT(log_.text(), HasSubstr("API client 1 (uid"));
  EXPECT_THAT(log_.text(),
              HasSubstr("does not read what the daemon sends: its socket has taken none of the"));
  EXPECT_THAT(log_.text(), HasSubstr("in 200 ms (api.send_timeout); dropping the client"));
  EXPECT_EQ(parsed(panel.call(kInfo))["result"]["state"], "ready");
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

// ---- The emergency stop's path: read, carried out and answered on the server's own thread ----

class ApiServerUrgentTest : public ApiServerTest {
 protected:
  void SetUp() override {
    rpc_.add_urgent_method("chair.emergency_stop", massaged::ApiRole::anyone,
                           [this](const json&, const massaged::Caller& caller) {
                             stops_.fetch_add(1);
                             return json{{"source", caller.describe()}};
                           });
    // A command the chair answers only once released: it stands for a reset under way.
    rpc_.add_method("chair.reset", massaged::ApiRole::anyone,
                    [this](const json&, const massaged::Caller&) {
                      return massaged::LaterAnswer(
                          [this]() -> std::optional<json> {
                            if (!released_.load()) return std::nullopt;
                            return json("reset");
                          },
                          std::chrono::seconds(30), "the reset");
                    });
  }

  std::atomic<int> stops_{0};
  std::atomic<bool> released_{false};
};

const std::string kStop = R"({"jsonrpc":"2.0","method":"chair.emergency_stop","id":"stop"})";

TEST_F(ApiServerUrgentTest, EmergencyStopIsAnsweredAheadOfTheClientsRequestStillWaiting) {
  start({});
  ApiClient panel(socket_path());
  panel.send(R"({"jsonrpc":"2.0","method":"chair.reset","id":1})"
             "\n" +
             kStop + "\n");
  const auto first = parsed(panel.read_line());
  EXPECT_EQ(first["id"], "stop");
  EXPECT_EQ(stops_.load(), 1);
  released_ = true;
  EXPECT_EQ(parsed(panel.read_line())["result"], "reset");
}

TEST_F(ApiServerUrgentTest, EmergencyStopIsCarriedOutWhileTheMainLoopIsBusy) {
  start({});
  ApiClient panel(socket_path());
  ASSERT_TRUE(panel.call(kInfo));
  // The main loop is stuck in some long piece of work.
  std::promise<void> unblock;
  boost::asio::post(io_, [future = unblock.get_future().share()] { future.wait(); });
  const auto reply = parsed(panel.call(kStop));
  EXPECT_EQ(reply["id"], "stop");
  EXPECT_EQ(stops_.load(), 1);
  EXPECT_THAT(reply["result"]["source"].get<std::string>(), HasSubstr("uid 0"));
  unblock.set_value();
  EXPECT_EQ(parsed(panel.call(kInfo))["id"], 1);
}

TEST_F(ApiServerUrgentTest, StopInABatchIsCarriedOutAtOnceAndTheBatchAnsweredWhole) {
  start({});
  ApiClient panel(socket_path());
  std::promise<void> unblock;
  boost::asio::post(io_, [future = unblock.get_future().share()] { future.wait(); });
  panel.send("[" + kInfo + "," + kStop + "]\n");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (stops_.load() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(stops_.load(), 1);  // while the main loop is still stuck
  unblock.set_value();
  const auto reply = parsed(panel.read_line());
  ASSERT_TRUE(reply.is_array());
  EXPECT_EQ(reply.size(), 2U);
}

TEST_F(ApiServerUrgentTest, ClientRefusedForMaxClientsMayStillStopTheChair) {
  start({.max_clients = 1});
  ApiClient first(socket_path());
  ASSERT_TRUE(first.call(kInfo));
  ApiClient second(socket_path());
  EXPECT_EQ(parsed(second.read_line())["error"]["code"], -32000);
  const auto reply = parsed(second.call(kStop));
  EXPECT_EQ(reply["id"], "stop");
  EXPECT_EQ(stops_.load(), 1);
  EXPECT_TRUE(second.closed_by_peer());
}

TEST_F(ApiServerUrgentTest, ClientRefusedForMaxClientsGetsNothingElse) {
  start({.max_clients = 1});
  ApiClient first(socket_path());
  ASSERT_TRUE(first.call(kInfo));
  ApiClient second(socket_path());
  EXPECT_EQ(parsed(second.read_line())["error"]["code"], -32000);
  second.send(kInfo + "\n");
  EXPECT_TRUE(second.closed_by_peer());
  EXPECT_EQ(stops_.load(), 0);
}

// Sends `text`, shuts the sending side as `echo ... | socat - UNIX-CONNECT:...` does, and reads
// everything until the server closes (at most 10 s).
std::string send_then_hang_up(const std::filesystem::path& socket, const std::string& text) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "cannot connect";
  }
  (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  ::shutdown(fd, SHUT_WR);
  std::string received;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;
    char chunk[4096];
    const auto n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    received.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return received;
}

TEST_F(ApiServerTest, ClientThatStopsSendingStillGetsEveryAnswer) {
  start({});
  // The last line may lack its newline.
  const auto received = send_then_hang_up(
      socket_path(), kInfo + "\n" + R"({"jsonrpc":"2.0","method":"server.info","id":2})");
  const auto newline = received.find('\n');
  ASSERT_NE(newline, std::string::npos) << received;
  EXPECT_EQ(json::parse(received.substr(0, newline))["id"], 1);
  EXPECT_EQ(json::parse(received.substr(newline + 1))["id"], 2);
}

}  // namespace
