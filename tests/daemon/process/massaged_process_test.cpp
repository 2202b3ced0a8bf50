// The daemon as a real process, started the way systemd starts it: its exit codes and messages,
// the notifications systemd would receive, the API socket, and an orderly stop.

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/temp_directory.hpp"
#include "tests/daemon/support/api_client.hpp"
#include "tests/daemon/support/child_process.hpp"
#include "tests/daemon/support/notify_listener.hpp"

using massaged::testing::ApiClient;
using massaged::testing::ChildOptions;
using massaged::testing::ChildProcess;
using massaged::testing::NotifyListener;
using test_support::TempDirectory;
using namespace std::chrono_literals;
using testing::HasSubstr;
using testing::Not;
using testing::StartsWith;

namespace {

// Generous: the suite also runs under sanitizers, in parallel with other tests.
constexpr auto kPatience = 20s;
const std::string kInfo = R"({"jsonrpc":"2.0","method":"server.info","id":1})";

std::string buses() {
  std::string text = "[[bus]]\nname = \"main\"\ntransport = \"tcp\"\nprofile = \"" +
                     std::string(MASSAGED_SOURCE_DIR) +
                     "/config/profiles/ra1.toml\"\n[bus.tcp]\nhost = \"127.0.0.1\"\nport = 1502\n";
  const char* kinds[] = {"travel", "width", "depth", "knead", "tap"};
  for (int unit = 1; unit <= 5; ++unit) {
    text += "[[bus.axis]]\nkind = \"" + std::string(kinds[unit - 1]) +
            "\"\nunit = " + std::to_string(unit) + "\n";
  }
  return text;
}

class MassagedProcessTest : public testing::Test {
 protected:
  // `daemon_keys` go into [daemon]; the API socket is in this test's own directory.
  void write_config(const std::string& daemon_keys = "", const std::string& before = "") {
    std::ofstream(config_) << before << "[daemon]\n"
                           << daemon_keys << "\n[api]\nsocket = \"" << socket_.string() << "\"\n"
                           << buses();
  }

  ChildProcess& start(std::vector<std::string> arguments,
                      std::map<std::string, std::string> environment = {},
                      std::optional<int> listening_socket = std::nullopt) {
    ChildOptions options{std::move(arguments), std::move(environment), listening_socket};
    child_ = std::make_unique<ChildProcess>(MASSAGED_EXECUTABLE, options, dir_.path());
    return *child_;
  }

  // Starts the daemon on the test's configuration with systemd's notification socket.
  ChildProcess& start_service(std::vector<std::string> extra_arguments = {},
                              std::map<std::string, std::string> environment = {},
                              std::optional<int> listening_socket = std::nullopt) {
    std::vector<std::string> arguments{"--config", config_.string()};
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    environment["NOTIFY_SOCKET"] = notify_.path().string();
    return start(std::move(arguments), std::move(environment), listening_socket);
  }

  void expect_ready() {
    ASSERT_TRUE(notify_.wait_for("READY=1", kPatience, notified_)) << notified_ << "\nstderr:\n"
                                                                   << child_->standard_error();
  }

  int exit_code() { return massaged::testing::run_to_exit(*child_, kPatience); }

  // Everything systemd would have received by now.
  std::string all_notifications() {
    while (const auto message = notify_.receive(0ms)) notified_ += *message + "\n";
    return notified_;
  }

  TempDirectory dir_;
  std::filesystem::path config_ = dir_ / "chair.toml";
  std::filesystem::path socket_ = dir_ / "run" / "api.sock";
  NotifyListener notify_{dir_ / "notify.sock"};
  std::string notified_;
  std::unique_ptr<ChildProcess> child_;
};

TEST_F(MassagedProcessTest, CheckConfigPrintsTheEffectiveConfigurationAndExits0) {
  write_config();
  auto& daemon = start({"--check-config", config_.string()});
  EXPECT_EQ(exit_code(), 0);
  const auto out = daemon.standard_output();
  EXPECT_THAT(out, HasSubstr("socket = \"" + socket_.string() + "\""));
  EXPECT_THAT(out, HasSubstr("rate_hz = 100"));  // a default, filled in
  EXPECT_THAT(out, HasSubstr("response_timeout_ms = 20"));
  EXPECT_EQ(daemon.standard_error(), "");
  EXPECT_FALSE(std::filesystem::exists(socket_.parent_path()));
}

TEST_F(MassagedProcessTest, CheckConfigAcceptsTheShippedConfiguration) {
  start({"--check-config", std::string(MASSAGED_SOURCE_DIR) + "/config/chair.toml"});
  EXPECT_EQ(exit_code(), 0);
}

TEST_F(MassagedProcessTest, CheckConfigRefusesABadFileWithExit1AndTheLocatedMessage) {
  write_config("", "[control]\nrate_hz = 5\n");
  auto& daemon = start({"--check-config", config_.string()});
  EXPECT_EQ(exit_code(), 1);
  EXPECT_EQ(daemon.standard_error(),
            config_.string() + ":2:11: control.rate_hz: 5 is out of range, allowed 10..1000\n");
  EXPECT_EQ(daemon.standard_output(), "");
}

TEST_F(MassagedProcessTest, VersionAndHelpExit0) {
  EXPECT_EQ(start({"--version"}).wait_for_exit(kPatience), 0);
  EXPECT_EQ(child_->standard_output(), std::string("massaged ") + MASSAGED_VERSION + "\n");
  EXPECT_EQ(start({"--help"}).wait_for_exit(kPatience), 0);
  EXPECT_THAT(child_->standard_output(), HasSubstr("--check-config"));
}

TEST_F(MassagedProcessTest, BadConfigurationStopsTheDaemonBeforeTheSocketOpens) {
  write_config("log_level = \"loud\"\n");
  auto& daemon = start_service();
  EXPECT_EQ(exit_code(), 1);
  EXPECT_THAT(daemon.standard_error(),
              HasSubstr(config_.string() + ":2:13: daemon.log_level: \"loud\" is not allowed"));
  EXPECT_FALSE(std::filesystem::exists(socket_.parent_path()));
  const auto notified = all_notifications();
  EXPECT_THAT(notified, Not(HasSubstr("READY=1")));
  EXPECT_THAT(notified, HasSubstr("STATUS=Failed: configuration refused: " + config_.string()));
}

TEST_F(MassagedProcessTest, DefaultConfigurationIsTheOneInSystemdsConfigurationDirectory) {
  write_config("", "[control]\nrate_hz = 5\n");
  auto& daemon = start({}, {{"CONFIGURATION_DIRECTORY", dir_.path().string()}});
  EXPECT_EQ(exit_code(), 1);
  EXPECT_THAT(daemon.standard_error(), HasSubstr(config_.string() + ":2:11: control.rate_hz"));
}

TEST_F(MassagedProcessTest, UnderSystemdLogLinesCarrySyslogPriorities) {
  write_config("", "[control]\nrate_hz = 5\n");
  auto& daemon = start({"--config", config_.string()},
                       {{"INVOCATION_ID", "4d1a7b33c2d24c0f9d7e1b6a5c3e2f10"}});
  EXPECT_EQ(exit_code(), 1);
  EXPECT_THAT(daemon.standard_error(), StartsWith("<2>" + config_.string() + ":2:11: "));
}

TEST_F(MassagedProcessTest, ReportsReadyServesTheApiAndStopsCleanlyOnSigterm) {
  write_config();
  auto& daemon = start_service();
  expect_ready();
  EXPECT_THAT(notified_, HasSubstr("STATUS=Ready: API on " + socket_.string() +
                                   "; bus main (tcp 127.0.0.1:1502, 5 axes)"));
  struct stat st {};
  ASSERT_EQ(::stat(socket_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0660U);

  ApiClient client(socket_);
  const auto info = nlohmann::json::parse(client.call(kInfo).value_or("null"));
  EXPECT_EQ(info["result"]["state"], "ready");
  EXPECT_EQ(info["result"]["api_version"], 1);

  daemon.send_signal(SIGTERM);
  EXPECT_TRUE(notify_.wait_for("STOPPING=1", kPatience, notified_)) << notified_;
  EXPECT_EQ(exit_code(), 0) << daemon.standard_error();
  EXPECT_THAT(notified_, HasSubstr("STATUS=Stopping: Terminated received"));
  EXPECT_TRUE(client.closed_by_peer());
  EXPECT_FALSE(std::filesystem::exists(socket_));
}

TEST_F(MassagedProcessTest, SigintStopsCleanlyToo) {
  write_config();
  auto& daemon = start_service();
  expect_ready();
  daemon.send_signal(SIGINT);
  EXPECT_EQ(exit_code(), 0) << daemon.standard_error();
  EXPECT_THAT(all_notifications(), HasSubstr("STOPPING=1"));
}

TEST_F(MassagedProcessTest, PingsTheWatchdogWhenSystemdAsksForIt) {
  write_config();
  auto& daemon = start_service({}, {{"WATCHDOG_USEC", "200000"}});
  expect_ready();
  std::string pings;
  EXPECT_TRUE(notify_.wait_for("WATCHDOG=1", kPatience, pings)) << pings;
  EXPECT_TRUE(notify_.wait_for("WATCHDOG=1", kPatience, pings)) << pings;
  daemon.send_signal(SIGTERM);
  EXPECT_EQ(exit_code(), 0);
}

TEST_F(MassagedProcessTest, NoWatchdogPingsWithoutWatchdogSec) {
  write_config();
  auto& daemon = start_service();
  expect_ready();
  daemon.send_signal(SIGTERM);
  EXPECT_EQ(exit_code(), 0);
  EXPECT_THAT(all_notifications(), Not(HasSubstr("WATCHDOG=1")));
}

TEST_F(MassagedProcessTest, WorldWritableSocketDirectoryIsRefused) {
  write_config();
  std::filesystem::create_directory(socket_.parent_path());
  ::chmod(socket_.parent_path().c_str(), 0777);
  auto& daemon = start_service();
  EXPECT_EQ(exit_code(), 1);
  EXPECT_THAT(daemon.standard_error(),
              HasSubstr("the API socket's directory " + socket_.parent_path().string() +
                        " is writable by every user (mode 0777)"));
  EXPECT_FALSE(std::filesystem::exists(socket_));
  EXPECT_THAT(all_notifications(), Not(HasSubstr("READY=1")));
}

TEST_F(MassagedProcessTest, SecondDaemonOnTheSameSocketIsRefusedAndTheFirstServesOn) {
  write_config();
  const auto first_output = dir_ / "first";
  std::filesystem::create_directory(first_output);
  ChildOptions options;
  options.arguments = {"--config", config_.string()};
  options.environment = {{"NOTIFY_SOCKET", notify_.path().string()}};
  ChildProcess first(MASSAGED_EXECUTABLE, options, first_output);
  ASSERT_TRUE(notify_.wait_for("READY=1", kPatience, notified_)) << first.standard_error();
  start({"--config", config_.string()});
  EXPECT_EQ(exit_code(), 1);
  EXPECT_THAT(child_->standard_error(), HasSubstr("another process already serves"));
  ApiClient client(socket_);
  EXPECT_TRUE(client.call(kInfo));
  first.send_signal(SIGTERM);
  EXPECT_EQ(first.wait_for_exit(kPatience), 0);
}

TEST_F(MassagedProcessTest, SocketHandedOverBySystemdIsServedAndLeftToSystemd) {
  write_config();
  const auto activated = dir_ / "activated.sock";
  const int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, activated.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 8), 0);
  // A client may connect before the daemon runs: that is what socket activation is for.
  ApiClient early(activated);
  early.send(kInfo + "\n");

  auto& daemon = start_service({}, {}, listener);
  ::close(listener);
  expect_ready();
  EXPECT_THAT(notified_, HasSubstr("API on " + activated.string() + " (from systemd)"));
  EXPECT_EQ(nlohmann::json::parse(early.read_line().value_or("null"))["result"]["state"], "ready");
  EXPECT_FALSE(std::filesystem::exists(socket_));

  daemon.send_signal(SIGTERM);
  EXPECT_EQ(exit_code(), 0);
  EXPECT_TRUE(std::filesystem::exists(activated));
}

TEST_F(MassagedProcessTest, LogLevelOptionOverridesTheConfiguration) {
  write_config("log_level = \"warning\"\n");
  start_service();
  expect_ready();
  child_->send_signal(SIGTERM);
  ASSERT_EQ(exit_code(), 0);
  EXPECT_THAT(child_->standard_error(), Not(HasSubstr("API listening on")));

  notified_.clear();
  start_service({"--log-level", "debug"});
  expect_ready();
  { ApiClient client(socket_); }
  child_->send_signal(SIGTERM);
  ASSERT_EQ(exit_code(), 0);
  EXPECT_THAT(child_->standard_error(), HasSubstr("API listening on " + socket_.string()));
}

}  // namespace
