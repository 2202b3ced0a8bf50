// The shipped systemd units, checked by systemd's own tools: `systemd-analyze verify` must
// print nothing for the service, the socket and the service with the TCP drop-in, and
// `systemd-analyze security --offline=true` must rate the service's exposure at 1.5 or less,
// with and without the drop-in.
//
// The units are checked unchanged, as installed into a staged root (--root): the built daemon
// at /usr/sbin/massaged, the units in /usr/lib/systemd/system beside a copy of the host's own
// units (the targets they depend on), the drop-in in /etc/systemd/system/massaged.service.d.

#include <stdio.h>
#include <sys/wait.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_directory.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kUnits = fs::path(MASSAGED_SOURCE_DIR) / "systemd";

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(("SYSTEMD_COLORS=0 SYSTEMD_PAGER=cat " + command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char chunk[4096];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0) result.output.append(chunk, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool systemd_analyze_installed() { return run("command -v systemd-analyze").exit_code == 0; }

fs::path host_unit_directory() {
  for (const fs::path dir : {"/usr/lib/systemd/system", "/lib/systemd/system"}) {
    if (fs::is_directory(dir)) return dir;
  }
  return {};
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The value of the first `key=` line of a unit file.
std::string unit_value(const fs::path& unit, const std::string& key) {
  std::istringstream lines(read_file(unit));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return "";
}

class SystemdUnits : public testing::Test {
 protected:
  // One staged root for the whole suite: copying the daemon and the host's units takes a
  // moment.
  static void SetUpTestSuite() {
    if (!systemd_analyze_installed()) return;
    root_ = new test_support::TempDirectory();
    const auto unit_dir = root_->path() / "usr/lib/systemd/system";
    fs::create_directories(unit_dir);
    fs::create_directories(root_->path() / "usr/sbin");
    fs::create_directories(root_->path() / "etc/systemd/system");
    if (const auto host = host_unit_directory(); !host.empty()) {
      fs::copy(host, unit_dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    }
    fs::copy_file(MASSAGED_EXECUTABLE, root_->path() / "usr/sbin/massaged");
    for (const char* unit : {"massaged.service", "massaged.socket"}) {
      fs::copy_file(kUnits / unit, unit_dir / unit, fs::copy_options::overwrite_existing);
    }
  }

  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }

  void SetUp() override {
    if (root_ == nullptr) GTEST_SKIP() << "systemd-analyze is not installed";
    remove_tcp_drop_in();
  }

  static void add_tcp_drop_in() {
    const auto dir = root_->path() / "etc/systemd/system/massaged.service.d";
    fs::create_directories(dir);
    fs::copy_file(kUnits / "massaged.service.d/tcp.conf", dir / "tcp.conf",
                  fs::copy_options::overwrite_existing);
  }

  static void remove_tcp_drop_in() {
    fs::remove_all(root_->path() / "etc/systemd/system/massaged.service.d");
  }

  static CommandResult verify() {
    return run("systemd-analyze verify --root=" + root_->path().string() +
               " massaged.service massaged.socket");
  }

  // The overall exposure systemd-analyze security reports, or -1 if it reports none.
  static double exposure(std::string& report) {
    const auto result =
        run("systemd-analyze security --offline=true --root=" + root_->path().string() +
            " massaged.service");
    report = result.output;
    std::smatch match;
    static const std::regex overall(R"(Overall exposure level for massaged\.service: ([0-9.]+))");
    if (!std::regex_search(report, match, overall)) return -1;
    return std::stod(match[1]);
  }

  static test_support::TempDirectory* root_;
};

test_support::TempDirectory* SystemdUnits::root_ = nullptr;

TEST_F(SystemdUnits, ServiceAndSocketPassVerifyWithoutAWarning) {
  const auto result = verify();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
}

TEST_F(SystemdUnits, ServiceWithTheTcpDropInPassesVerifyWithoutAWarning) {
  add_tcp_drop_in();
  const auto result = verify();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
}

TEST_F(SystemdUnits, ServiceExposureIsAtMostOnePointFive) {
  std::string report;
  const double level = exposure(report);
  EXPECT_GE(level, 0.0) << report;
  EXPECT_LE(level, 1.5) << report;
}

TEST_F(SystemdUnits, ServiceWithTheTcpDropInExposureIsAtMostOnePointFive) {
  add_tcp_drop_in();
  std::string report;
  const double level = exposure(report);
  EXPECT_GE(level, 0.0) << report;
  EXPECT_LE(level, 1.5) << report;
  // The drop-in is really applied: the network opens up, and the score shows it.
  EXPECT_THAT(report, testing::HasSubstr("Service may allocate Internet sockets"));
}

// The socket unit listens where the daemon would create its socket itself:
// $RUNTIME_DIRECTORY/api.sock.
TEST(SystemdUnitFiles, SocketUnitListensInTheServicesRuntimeDirectory) {
  EXPECT_EQ(unit_value(kUnits / "massaged.socket", "ListenStream"),
            "/run/" + unit_value(kUnits / "massaged.service", "RuntimeDirectory") + "/api.sock");
  EXPECT_EQ(unit_value(kUnits / "massaged.socket", "SocketMode"), "0660");
}

// The one device the service may open is the line config/examples/rtu-board.toml names.
TEST(SystemdUnitFiles, ServiceAllowsTheSerialLineOfTheRtuExample) {
  const auto example = read_file(fs::path(MASSAGED_SOURCE_DIR) / "config/examples/rtu-board.toml");
  EXPECT_THAT(example, testing::HasSubstr("device = \"/dev/ttyS1\""));
  EXPECT_EQ(unit_value(kUnits / "massaged.service", "DeviceAllow"), "/dev/ttyS1 rw");
  EXPECT_EQ(unit_value(kUnits / "massaged.service", "DevicePolicy"), "closed");
}

}  // namespace
