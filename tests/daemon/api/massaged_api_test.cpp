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

#include "tests/daemon/api/api_flood.hpp"
#include "tests/daemon/chairctl/chair_under_test.hpp"

using massaged::testing::ApiFlood;
using massaged::testing::ChairUnderTest;
using massaged::testing::connect_raw;
using massaged::testing::kChairPatience;
using massaged::testing::send_all;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::ContainsRegex;
using testing::HasSubstr;

namespace {

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

// chair.status requests (about 200 bytes of reply each) the subscriber that never reads sends
// every 10 ms.
constexpr int kDeafRequestsPerTick = 5;

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
  EXPECT_THAT(started["message"].get<std::string>(), HasSubstr("the session's limit is 20 min"));
  // The program's own length is told apart from the session's limit: quick-relief is a
  // five-minute program.
  EXPECT_THAT(started["message"].get<std::string>(),
              ContainsRegex("the program takes about [45] min( [0-9]+ s)? after the body scan"));
  EXPECT_EQ(started["session_minutes"], 20);
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
  // A client that stops reading is dropped a second after its socket stops taking its output.
  ChairUnderTest chair_{
      {{}, "max_clients = 64\nmax_message_bytes = 4096\nsend_timeout = 1\n", true}};
};

TEST_F(MassagedApiFlood, HundredsOfBadClientsNeitherStopTheDaemonNorDelayTheLoopOrAStop) {
  chair_.make_ready();
  auto panel = chair_.client();  // connected before the flood, as a panel stays connected
  const auto loop_before = chair_.call("diagnostics.loop");

  // A subscriber that never reads: it asks for every topic and keeps asking for the chair's
  // state, until the daemon drops it. However much the kernel's buffers absorb, they fill at
  // last, and a second later the send timeout drops it. Its requests are paced (about 100 KiB of
  // replies a second), and its own socket buffer holds only a few of them, so that a daemon
  // slowed by the flood does not meet a backlog of them at once: what waits for it in that second
  // stays far below the 512 KiB at which the daemon would drop it for the bytes. The drop this
  // test sees is the one by time.
  const int deaf = connect_raw(chair_.socket());
  ASSERT_GE(deaf, 0);
  const int small_buffer = 4096;
  ASSERT_EQ(::setsockopt(deaf, SOL_SOCKET, SO_SNDBUF, &small_buffer, sizeof small_buffer), 0);
  send_all(
      deaf,
      R"({"jsonrpc":"2.0","method":"topics.subscribe","params":{"topics":{"status":[],"progress":[],"log":[]},"max_rate_hz":1},"id":1})"
      "\n");
  std::string requests;
  for (int i = 0; i < kDeafRequestsPerTick; ++i) {
    requests += R"({"jsonrpc":"2.0","method":"chair.status","id":)" + std::to_string(i) + "}\n";
  }
  std::atomic<bool> deaf_dropped{false};
  std::thread deaf_sender([&] {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!send_all(deaf, requests)) {
        deaf_dropped = true;
        return;
      }
      std::this_thread::sleep_for(10ms);
    }
  });

  ApiFlood flood(chair_.socket());
  std::this_thread::sleep_for(1s);  // the flood is at its height
  // The emergency stop during the flood reaches every drive, as the simulator's truth shows.
  std::atomic<bool> all_stopped{false};
  std::thread watcher([&] {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto axes = chair_.truth();
      bool all = true;
      for (const auto& [name, axis] : axes.items()) all = all && axis["quick_stop"].get<bool>();
      if (all) {
        all_stopped = true;
        return;
      }
    }
  });
  const auto stop = panel.call("chair.emergency_stop", {{"reason", "during the flood"}});
  watcher.join();  // the flood goes on meanwhile, and for a second after
  std::this_thread::sleep_for(1s);
  flood.stop();
  deaf_sender.join();  // once the daemon has dropped it (below), or after 60 s

  EXPECT_TRUE(stop.contains("source"));
  ASSERT_TRUE(all_stopped.load()) << "the drives never quick-stopped during the flood";
  EXPECT_GE(flood.connections(), 200);

  // The daemon answers, and the loop kept running through the flood: the chair is stopped by
  // the emergency stop asked for, not faulted by drives that a stalled loop left without news.
  // (How much the flood delays the stop and the loop is measured by api_flood_benchmark.)
  EXPECT_EQ(panel.call("server.info")["state"], "ready");
  const auto status = panel.call("chair.status");
  EXPECT_EQ(status["state"], "emergency_stop") << status.dump();
  EXPECT_TRUE(status["fault"].is_null()) << status.dump();
  const auto loop_after = panel.call("diagnostics.loop");
  EXPECT_GT(loop_after["cycles"].get<int>(), loop_before["cycles"].get<int>() + 50);
  // The subscriber that never read was dropped by time, not waited for.
  EXPECT_TRUE(deaf_dropped.load()) << "the subscriber that never reads was not dropped in 60 s";
  EXPECT_TRUE(closed_by_daemon(deaf, 10s));
  ::close(deaf);
  const auto log = chair_.daemon().standard_error();
  EXPECT_THAT(log, HasSubstr("does not read what the daemon sends: its socket has taken none of"));
  EXPECT_THAT(log, HasSubstr("in 1000 ms (api.send_timeout); dropping the client"));
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
