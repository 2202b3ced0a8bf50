#include "sim/server/control_socket.hpp"

#include <atomic>
#include <fstream>

#include <gtest/gtest.h>

#include "support/control_client.hpp"
#include "support/temp_directory.hpp"

namespace sim {
namespace {

using nlohmann::json;

// Echoes the command back, refuses "boom" by throwing as a real handler does.
json echo(const json& request) {
  if (request.at("cmd") == "boom") throw std::invalid_argument("boom: refused on purpose");
  return {{"ok", true}, {"echo", request.at("cmd")}};
}

class ControlSocketTest : public ::testing::Test {
 protected:
  test_support::TempDirectory dir;
  ControlSocket socket{dir / "control.sock", echo};
};

TEST_F(ControlSocketTest, AnswersEachRequestLineWithOneReplyLine) {
  test_support::ControlClient client(socket.path());
  EXPECT_EQ(client.send({{"cmd", "state"}}), (json{{"ok", true}, {"echo", "state"}}));
  EXPECT_EQ(client.send({{"cmd", "clear"}}), (json{{"ok", true}, {"echo", "clear"}}));
}

TEST_F(ControlSocketTest, BadJsonGetsAnErrorReplyAndTheConnectionStaysUsable) {
  test_support::ControlClient client(socket.path());
  const auto reply = json::parse(client.exchange("{\"cmd\": \"state\""));
  EXPECT_FALSE(reply.at("ok").get<bool>());
  EXPECT_NE(reply.at("error").get<std::string>().find("not JSON"), std::string::npos);
  EXPECT_TRUE(client.send({{"cmd", "state"}}).at("ok").get<bool>());
}

TEST_F(ControlSocketTest, RequestThatIsNotAnObjectWithACmdIsRefused) {
  test_support::ControlClient client(socket.path());
  EXPECT_FALSE(json::parse(client.exchange("[1,2]")).at("ok").get<bool>());
  EXPECT_FALSE(json::parse(client.exchange("{\"command\":\"state\"}")).at("ok").get<bool>());
  EXPECT_FALSE(json::parse(client.exchange("{\"cmd\":7}")).at("ok").get<bool>());
}

TEST_F(ControlSocketTest, HandlerErrorBecomesAnErrorReplyWithItsMessage) {
  test_support::ControlClient client(socket.path());
  EXPECT_EQ(client.send({{"cmd", "boom"}}),
            (json{{"ok", false}, {"error", "boom: refused on purpose"}}));
}

TEST_F(ControlSocketTest, SeveralClientsAreServedAtOnce) {
  test_support::ControlClient first(socket.path());
  test_support::ControlClient second(socket.path());
  EXPECT_EQ(second.send({{"cmd", "b"}}).at("echo"), "b");
  EXPECT_EQ(first.send({{"cmd", "a"}}).at("echo"), "a");
}

TEST_F(ControlSocketTest, LineLongerThanAnyCommandIsRefusedAndClosesThatConnection) {
  test_support::ControlClient client(socket.path());
  const auto reply = json::parse(client.exchange(std::string(70 * 1024, 'x')));
  EXPECT_FALSE(reply.at("ok").get<bool>());
  test_support::ControlClient other(socket.path());
  EXPECT_TRUE(other.send({{"cmd", "state"}}).at("ok").get<bool>());
}

TEST(ControlSocket, SocketFileIsRemovedOnShutdown) {
  test_support::TempDirectory dir;
  { ControlSocket socket(dir / "control.sock", echo); }
  EXPECT_FALSE(std::filesystem::exists(dir / "control.sock"));
}

TEST(ControlSocket, LiveSocketAtThePathIsNotStolen) {
  test_support::TempDirectory dir;
  ControlSocket first(dir / "control.sock", echo);
  EXPECT_THROW(ControlSocket(dir / "control.sock", echo), std::runtime_error);
  test_support::ControlClient client(first.path());
  EXPECT_TRUE(client.send({{"cmd", "state"}}).at("ok").get<bool>());
}

TEST(ControlSocket, RegularFileAtThePathIsLeftAloneAndReported) {
  test_support::TempDirectory dir;
  { std::ofstream(dir / "control.sock") << "notes"; }
  EXPECT_THROW(ControlSocket(dir / "control.sock", echo), std::runtime_error);
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "control.sock"));
}

}  // namespace
}  // namespace sim
