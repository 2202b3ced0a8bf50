// The API of the real daemon on the simulated chair (chair-sim over Modbus TCP): a session
// followed through subscriptions and adjusted live, and bad clients by the hundred while the
// control loop keeps time and an emergency stop still reaches the drives at once.

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/chairctl/chair_under_test.hpp"

using massaged::testing::ChairUnderTest;
using massaged::testing::kChairPatience;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

// A raw client socket, for what chairctl would never send. -1 when it cannot connect.
int connect_raw(const std::filesystem::path& socket) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const auto n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0) return;  // closed, or full: a bad client does not wait either
    sent += static_cast<std::size_t>(n);
  }
}

// Reads and throws away what the daemon sends until it closes the connection; false if it has
// not within `patience`.
bool closed_by_daemon(int fd, std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  char chunk[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const auto n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return true;
  }
  return false;
}

const std::vector<std::string> kLowShoulders = {"--shoulder-mm", "600"};

// ---- A session through the API ----

class MassagedApiSession : public testing::Test {
 protected:
  // The next notification on `client`; fails the test after `patience`.
  json next_update(chairctl::ChairClient& client, std::chrono::milliseconds patience = 30s) {
    auto notification = client.next_notification(patience);
    if (!notification) {
      ADD_FAILURE() << "no notification within " << patience.count() << " ms";
      return json::object();
    }
    EXPECT_EQ((*notification)["method"], "topics.update");
    return (*notification)["params"];
  }

  ChairUnderTest chair_{{kLowShoulders, "", true}};
};

TEST_F(MassagedApiSession, SubscriberFollowsASessionThatIsAdjustedLiveThenStopped) {
  chair_.make_ready();
  auto panel = chair_.client();
  const auto topics = panel.call("topics.list")["topics"];
  ASSERT_EQ(topics.size(), 4U);
  EXPECT_EQ(topics[0]["topic"], "status");

  const auto subscribed =
      panel.call("topics.subscribe",
                 {{"topics",
                   {{"status", {"state"}},
                    {"progress", {"phase", "step", "zone", "intensity", "force_n", "remaining_s"}},
                    {"faults", json::array()}}},
                  {"max_rate_hz", 20}});
  EXPECT_EQ(subscribed["current"]["status"], (json{{"state", "ready"}}));
  EXPECT_EQ(subscribed["current"]["progress"], json::object());  // no session yet

  const auto started =
      panel.call("session.start",
                 {{"program", "quick-relief"}, {"intensity", 5}, {"user", "bob"}, {"minutes", 20}});
  EXPECT_THAT(started["message"].get<std::string>(), HasSubstr("the session now lasts 20 min"));
  EXPECT_EQ(started["program"], "quick-relief");

  // Only what changed arrives: the state first, then the session's phases.
  json status{{"state", "ready"}};
  json progress = json::object();
  bool massaging = false;
  const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
  while (!massaging && std::chrono::steady_clock::now() < deadline) {
    const auto update = next_update(panel);
    const auto& changed = update.value("changed", json::object());
    if (changed.contains("status")) status.update(changed["status"]);
    if (changed.contains("progress")) progress.update(changed["progress"]);
    for (const auto& [topic, fields] : changed.items()) {
      for (const auto& [field, value] : fields.items()) {
        EXPECT_TRUE(topic != "status" || field == "state") << "a field not asked for: " << field;
      }
    }
    massaging = progress.value("phase", std::string()) == "massaging";
  }
  ASSERT_TRUE(massaging) << progress.dump();
  EXPECT_EQ(status["state"], "running");
  EXPECT_GE(progress["step"].get<int>(), 1);

  const auto now = panel.call("session.progress");
  EXPECT_EQ(now["program_id"], "quick-relief");
  EXPECT_EQ(now["phase"], "massaging");
  EXPECT_TRUE(now["shoulder_mm"].is_number());
  // A back reaching down to where the chair puts S1: the levels fitted down to there, nothing
  // skipped so far.
  EXPECT_TRUE(now["back_end_mm"].is_null()) << now.dump();
  EXPECT_EQ(now["s1_mm"], 920.0);
  EXPECT_EQ(now["skipped"], json::array());

  // The live adjustments, each answered at once.
  EXPECT_TRUE(panel.call("session.focus_down").contains("message"));
  EXPECT_TRUE(panel.call("session.focus_up").contains("message"));
  EXPECT_TRUE(panel.call("session.tender").contains("message"));
  EXPECT_TRUE(panel.call("session.hold_here").contains("message"));
  const auto nudged = panel.call("session.nudge_shoulder", {{"steps", 1}});
  EXPECT_TRUE(nudged.contains("message"));
  EXPECT_TRUE(std::filesystem::exists(chair_.directory() / "state" / "people" / "bob.json"));
  try {
    panel.call("session.nudge_shoulder", {{"steps", 0}});
    ADD_FAILURE() << "a nudge of no steps was taken";
  } catch (const chairctl::RemoteError& e) {
    EXPECT_EQ(e.code(), -32602);
  }

  EXPECT_EQ(panel.call("faults.list")["history"].size(), 0U);
  const auto stopped = panel.call("session.stop");
  EXPECT_THAT(stopped["message"].get<std::string>(), HasSubstr("stopping"));
  ASSERT_TRUE(chair_.wait_for("ready", kChairPatience));
  const auto ended = panel.call("session.progress");
  EXPECT_EQ(ended["phase"], "ended") << ended.dump();

  const auto id = subscribed["subscription"];
  EXPECT_EQ(panel.call("topics.unsubscribe", {{"subscription", id}})["unsubscribed"], true);
  while (panel.next_notification(200ms)) {
  }
  panel.call("chair.emergency_stop");
  EXPECT_FALSE(panel.next_notification(1s)) << "notified after unsubscribing";
}

TEST_F(MassagedApiSession, EmergencyStopIsHeardByEverySubscriberAndRecorded) {
  chair_.make_ready();
  auto panel = chair_.client();
  auto technician = chair_.client();
  panel.call("topics.subscribe",
             {{"topics", {{"status", {"state", "latched"}}, {"faults", json::array()}}}});
  technician.call("topics.subscribe", {{"topics", {{"log", {"level", "message"}}}}});
  const auto stop = chair_.call("chair.emergency_stop", {{"reason", "test button"}});
  EXPECT_THAT(stop["source"].get<std::string>(), HasSubstr(": test button"));

  bool latched = false;
  bool recorded = false;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while ((!latched || !recorded) && std::chrono::steady_clock::now() < deadline) {
    const auto update = next_update(panel, 10s);
    const auto& changed = update.value("changed", json::object());
    if (changed.contains("status") && changed["status"].value("state", "") == "emergency_stop") {
      latched = true;
    }
    for (const auto& event : update.value("events", json::object()).value("faults", json())) {
      recorded = recorded || event["kind"] == "emergency_stop";
    }
  }
  EXPECT_TRUE(latched);
  EXPECT_TRUE(recorded);
  bool logged = false;
  while (!logged) {
    const auto update = next_update(technician, 10s);
    if (update.empty()) break;
    for (const auto& line : update.value("events", json::object()).value("log", json())) {
      logged = logged || line["message"].get<std::string>().find("emergency stop requested by") !=
                             std::string::npos;
    }
  }
  EXPECT_TRUE(logged);
  const auto faults = chair_.call("faults.list");
  ASSERT_EQ(faults["history"].size(), 1U);
  EXPECT_EQ(faults["current"]["state"], "emergency_stop");
  EXPECT_THAT(faults["history"][0]["detail"].get<std::string>(), HasSubstr("test button"));
}

// ---- Bad clients ----

class MassagedApiFlood : public testing::Test {
 protected:
  ChairUnderTest chair_{{{}, "max_clients = 64\nmax_message_bytes = 4096\n", true}};
};

// What one bad client sends: a line that is not JSON, one of the wrong shape, an unknown method,
// wrong parameters, deep nesting, and every second client a line longer than the limit.
std::string garbage(int n) {
  std::string text = "this is not json\n{\"jsonrpc\":\"2.0\",\"method\":5}\n";
  text += R"({"jsonrpc":"2.0","method":"chair.fly","id":1})"
          "\n";
  text += R"({"jsonrpc":"2.0","method":"programs.describe","params":{"id":[1,2]},"id":2})"
          "\n";
  text += R"({"jsonrpc":"2.0","method":"chair.status","params":)" + std::string(200, '[') +
          std::string(200, ']') + "}\n";
  text += std::string(1, static_cast<char>(0xff)) + "\x01\x02\n";
  if (n % 2 == 0) text += std::string(10000, 'x') + "\n";
  return text;
}

TEST_F(MassagedApiFlood, HundredsOfBadClientsNeitherStopTheDaemonNorDelayTheLoopOrAStop) {
  chair_.make_ready();
  auto panel = chair_.client();  // connected before the flood, as a panel stays connected
  const auto loop_before = chair_.call("diagnostics.loop");

  // A subscriber that never reads: it asks for everything, fast, and keeps asking.
  const int deaf = connect_raw(chair_.socket());
  ASSERT_GE(deaf, 0);
  send_all(
      deaf,
      R"({"jsonrpc":"2.0","method":"topics.subscribe","params":{"topics":{"status":[],"progress":[],"log":[]},"max_rate_hz":50},"id":1})"
      "\n");
  std::string requests;
  for (int i = 0; i < 2000; ++i) {
    requests += R"({"jsonrpc":"2.0","method":"programs.list","id":)" + std::to_string(i) + "}\n";
  }

  std::atomic<bool> flooding{true};
  std::atomic<int> connections{0};
  std::vector<std::thread> flood;
  for (int t = 0; t < 4; ++t) {
    flood.emplace_back([&, t] {
      int n = t;
      while (flooding.load()) {
        // Bursts of 50 clients a thread, 200 at once across the threads.
        std::vector<int> fds;
        for (int i = 0; i < 50; ++i, n += 4) {
          const int fd = connect_raw(chair_.socket());
          if (fd < 0) continue;
          connections.fetch_add(1);
          send_all(fd, garbage(n));
          fds.push_back(fd);
        }
        std::this_thread::sleep_for(20ms);
        for (const int fd : fds) ::close(fd);
      }
    });
  }
  std::thread deaf_sender([&] {
    for (int round = 0; round < 20 && flooding.load(); ++round) send_all(deaf, requests);
  });

  std::this_thread::sleep_for(1s);  // the flood is at its height
  // The emergency stop during the flood: from the request to the drives' quick stop, as the
  // simulator's truth shows it.
  std::atomic<bool> all_stopped{false};
  std::chrono::steady_clock::time_point stopped_at{};
  std::thread watcher([&] {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto axes = chair_.truth();
      bool all = true;
      for (const auto& [name, axis] : axes.items()) all = all && axis["quick_stop"].get<bool>();
      if (all) {
        stopped_at = std::chrono::steady_clock::now();
        all_stopped = true;
        return;
      }
    }
  });
  const auto asked_at = std::chrono::steady_clock::now();
  const auto stop = panel.call("chair.emergency_stop", {{"reason", "during the flood"}});
  watcher.join();
  std::this_thread::sleep_for(1s);
  flooding = false;
  for (auto& thread : flood) thread.join();
  deaf_sender.join();

  EXPECT_TRUE(stop.contains("source"));
  ASSERT_TRUE(all_stopped.load()) << "the drives never quick-stopped";
  // One transaction: the stop goes out before the bus's next regular transaction, so it takes
  // at most the one under way (the response timeout bounds it) and its own.
  const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(stopped_at - asked_at);
  EXPECT_LE(latency, 2 * 20ms + 10ms) << "from the request to every drive's quick stop";
  EXPECT_GE(connections.load(), 200);

  // The daemon answers, and the loop kept its time through the flood.
  EXPECT_EQ(panel.call("server.info")["state"], "ready");
  EXPECT_EQ(panel.call("chair.status")["state"], "emergency_stop");
  const auto loop_after = panel.call("diagnostics.loop");
  EXPECT_GT(loop_after["cycles"].get<int>(), loop_before["cycles"].get<int>() + 50);
  // On time: a cycle in a hundred may overrun on a test machine busy with other tests, not more.
  const auto cycles = loop_after["cycles"].get<int>() - loop_before["cycles"].get<int>();
  EXPECT_LE(loop_after["overruns"].get<int>() - loop_before["overruns"].get<int>(),
            std::max(1, cycles / 100))
      << loop_after.dump();
  EXPECT_LT(loop_after["lateness_us"]["p99"].get<int>(), loop_after["period_us"].get<int>() / 2)
      << loop_after.dump();
  // The subscriber that never read was dropped, not waited for.
  EXPECT_TRUE(closed_by_daemon(deaf, 10s));
  ::close(deaf);
  EXPECT_THAT(chair_.daemon().standard_error(), HasSubstr("does not read what the daemon sends"));
  EXPECT_FALSE(chair_.daemon().wait_for_exit(0ms)) << "the daemon died";
}

// ---- The loss of the control panel ----

// The detail of the latest fault in faults.list, once the history (fed from the main loop a
// tick after the state changes) holds one more than `before`.
std::string last_fault(const ChairUnderTest& chair, std::size_t before = 0) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  for (;;) {
    const auto history = chair.call("faults.list")["history"];
    if (history.size() > before) return history.back().value("detail", std::string());
    if (std::chrono::steady_clock::now() > deadline) return "(no fault recorded)";
    std::this_thread::sleep_for(20ms);
  }
}

TEST(MassagedApiPanel, ALostPanelStopsTheSessionLikeAnEmergencyStop) {
  ChairUnderTest chair({kLowShoulders, "panel_timeout_ms = 600\n", true});
  chair.make_ready();
  auto panel = chair.client();
  const auto watched = panel.call("panel.heartbeat");
  EXPECT_EQ(watched["watching"], true);
  EXPECT_EQ(watched["timeout_ms"], 600);
  panel.call("session.start", {{"program", "quick-relief"}});

  // A panel that keeps beating keeps the session going.
  for (int i = 0; i < 10; ++i) {
    std::this_thread::sleep_for(150ms);
    panel.call("panel.heartbeat");
  }
  EXPECT_EQ(chair.state(), "running");

  // Silent, it is lost: the chair stops and latches as an emergency stop does.
  ASSERT_TRUE(chair.wait_for("emergency_stop", 5s)) << chair.call("chair.status").dump();
  EXPECT_THAT(last_fault(chair), HasSubstr("the control panel was lost: nothing heard from"));

  // A panel whose connection closes during a session is lost at once.
  chair.make_ready();
  const auto stops_so_far = chair.call("faults.list")["history"].size();
  {
    auto leaving = chair.client();
    leaving.call("panel.heartbeat");
    leaving.call("session.start", {{"program", "quick-relief"}});
    EXPECT_EQ(chair.state(), "running");
  }
  ASSERT_TRUE(chair.wait_for("emergency_stop", 5s)) << chair.call("chair.status").dump();
  EXPECT_THAT(last_fault(chair, stops_so_far),
              HasSubstr("the control panel was lost: the connection of"));
}

}  // namespace
