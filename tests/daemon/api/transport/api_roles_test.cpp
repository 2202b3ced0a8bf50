// Who may do what: the role each client gets from its credentials, and a call refused for a
// role it lacks, with real clients of other users and groups on the socket.

#include <sys/stat.h>

#include <optional>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "daemon/api/methods/server_info.hpp"
#include "daemon/api/transport/api_server.hpp"
#include "daemon/api/transport/role_policy.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/api/transport/foreign_client.hpp"

using massaged::ApiRole;
using massaged::PeerCredentials;
using massaged::RolePolicy;
using massaged::testing::ClientIdentity;
using massaged::testing::exchange_as;
using nlohmann::json;
using testing::HasSubstr;

namespace {

// Group ids no real group uses, written as numbers in the configuration.
constexpr gid_t kPanel = 61001;
constexpr gid_t kTechnician = 61002;
constexpr gid_t kOem = 61003;
constexpr uid_t kSomeone = 61000;

massaged::ApiRoles numeric_roles() {
  return {{std::to_string(kPanel)}, {std::to_string(kTechnician)}, {std::to_string(kOem)}};
}

RolePolicy policy(uid_t daemon_uid = 0) {
  return RolePolicy::from_config(numeric_roles(), daemon_uid, [](const std::string&) {});
}

PeerCredentials peer(uid_t uid, gid_t gid, std::vector<gid_t> groups = {}) {
  return PeerCredentials{4242, uid, gid, std::move(groups)};
}

TEST(RolePolicy, RootAndTheDaemonsOwnUserHoldEveryRole) {
  EXPECT_EQ(policy(998).role_of(peer(0, 0)), ApiRole::oem);
  EXPECT_EQ(policy(998).role_of(peer(998, 998)), ApiRole::oem);
}

TEST(RolePolicy, ClientInNoGroupOfARoleMayOnlyDoWhatAnyoneMay) {
  EXPECT_EQ(policy().role_of(peer(kSomeone, kSomeone, {100, 27})), ApiRole::anyone);
}

TEST(RolePolicy, EachRoleComesFromItsGroupsAndTheHighestWins) {
  EXPECT_EQ(policy().role_of(peer(kSomeone, kSomeone, {kPanel})), ApiRole::panel);
  EXPECT_EQ(policy().role_of(peer(kSomeone, kSomeone, {kTechnician})), ApiRole::technician);
  EXPECT_EQ(policy().role_of(peer(kSomeone, kSomeone, {kOem})), ApiRole::oem);
  EXPECT_EQ(policy().role_of(peer(kSomeone, kSomeone, {kPanel, kOem, kTechnician})), ApiRole::oem);
}

TEST(RolePolicy, PrimaryGroupCountsAsMuchAsASupplementaryOne) {
  EXPECT_EQ(policy().role_of(peer(kSomeone, kTechnician)), ApiRole::technician);
}

TEST(RolePolicy, GroupNamesAreLookedUpAndAMissingOneIsReported) {
  std::vector<std::string> warnings;
  const auto lookup = [](const std::string& name) -> std::optional<gid_t> {
    if (name == "massage-panel") return 5001;
    return std::nullopt;
  };
  const auto roles = RolePolicy::from_config(
      {{"massage-panel"}, {"massage-tehc"}, {}}, 0,
      [&warnings](const std::string& warning) { warnings.push_back(warning); }, lookup);
  EXPECT_EQ(roles.role_of(peer(kSomeone, kSomeone, {5001})), ApiRole::panel);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0],
            "api.roles.technician: there is no group \"massage-tehc\"; its members get no "
            "technician role until it exists and the daemon restarts (groupadd massage-tehc)");
}

TEST(ApiRole, RolesIncludeTheOnesBelowThem) {
  EXPECT_TRUE(massaged::grants(ApiRole::oem, ApiRole::technician));
  EXPECT_TRUE(massaged::grants(ApiRole::technician, ApiRole::panel));
  EXPECT_TRUE(massaged::grants(ApiRole::panel, ApiRole::anyone));
  EXPECT_FALSE(massaged::grants(ApiRole::panel, ApiRole::technician));
  EXPECT_FALSE(massaged::grants(ApiRole::anyone, ApiRole::panel));
  EXPECT_EQ(massaged::parse_role("technician"), ApiRole::technician);
  EXPECT_FALSE(massaged::parse_role("admin"));
}

// ---- Real clients of other users on the socket ----

class ApiRolesOnTheSocketTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!massaged::testing::can_become_other_users()) {
      GTEST_SKIP() << "needs root to act as clients of other users";
    }
    massaged::add_server_info_method(rpc_, [] { return massaged::DaemonState::ready; });
    rpc_.add_method("programs.install", ApiRole::oem,
                    [](const json&, const massaged::Caller&) { return json("installed"); });
    rpc_.add_method("chair.status", ApiRole::panel,
                    [](const json&, const massaged::Caller&) { return json("ready"); });
    server_.emplace(massaged::ApiSocket::create(io_, socket_), rpc_, massaged::ApiLimits{},
                    policy());
    server_->start();
    loop_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    boost::asio::post(io_, [this] { server_->stop(); });
    work_.reset();
    loop_.join();
  }

  // The socket as a deployment makes it reachable: its directory searchable, the socket
  // writable by the users under test.
  void open_socket_to_everyone() {
    ::chmod(dir_.path().c_str(), 0755);
    ::chmod(socket_.parent_path().c_str(), 0755);
    ::chmod(socket_.c_str(), 0666);
  }

  json call_as(const ClientIdentity& who, const std::string& method) {
    const auto exchange = exchange_as(
        who, socket_, R"({"jsonrpc":"2.0","method":")" + method + R"(","id":1})" + "\n");
    if (!exchange.connected)
      return json("cannot connect: errno " + std::to_string(exchange.connect_error));
    return json::parse(exchange.received);
  }

  test_support::TempDirectory dir_;
  std::filesystem::path socket_ = dir_ / "run" / "api.sock";
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  massaged::JsonRpcDispatcher rpc_;
  std::optional<massaged::ApiServer> server_;
  std::thread loop_;
};

TEST_F(ApiRolesOnTheSocketTest, EachClientGetsTheRoleOfItsGroups) {
  open_socket_to_everyone();
  EXPECT_EQ(call_as({kSomeone, kSomeone, {kPanel}}, "server.info")["result"]["role"], "panel");
  EXPECT_EQ(call_as({kSomeone, kSomeone, {kTechnician}}, "server.info")["result"]["role"],
            "technician");
  EXPECT_EQ(call_as({kSomeone, kOem, {}}, "server.info")["result"]["role"], "oem");
  const auto nobody = call_as({kSomeone, kSomeone, {}}, "server.info")["result"];
  EXPECT_EQ(nobody["role"], "anyone");
  EXPECT_EQ(nobody["uid"], kSomeone);
}

TEST_F(ApiRolesOnTheSocketTest, PanelIsRefusedAnOemMethodAndToldWhichRoleItNeeds) {
  open_socket_to_everyone();
  const auto refused = call_as({kSomeone, kSomeone, {kPanel}}, "programs.install");
  EXPECT_EQ(refused["error"]["code"], -32001);
  EXPECT_THAT(refused["error"]["message"].get<std::string>(),
              HasSubstr("programs.install needs the oem role; this client (uid 61000) has the "
                        "panel role"));
  EXPECT_EQ(call_as({kSomeone, kSomeone, {kOem}}, "programs.install")["result"], "installed");
}

TEST_F(ApiRolesOnTheSocketTest, ClientWithoutARoleMayNotSeeTheChairsStatus) {
  open_socket_to_everyone();
  EXPECT_EQ(call_as({kSomeone, kSomeone, {}}, "chair.status")["error"]["data"]["required_role"],
            "panel");
  EXPECT_EQ(call_as({kSomeone, kSomeone, {kPanel}}, "chair.status")["result"], "ready");
}

TEST_F(ApiRolesOnTheSocketTest, UserOutsideTheSocketsGroupCannotConnectAtAll) {
  // As created: mode 0660, owned by the daemon's user and group.
  const auto exchange = exchange_as({kSomeone, kSomeone, {kOem}}, socket_,
                                    R"({"jsonrpc":"2.0","method":"server.info","id":1})"
                                    "\n");
  EXPECT_FALSE(exchange.connected);
  EXPECT_EQ(exchange.connect_error, EACCES);
}

}  // namespace
