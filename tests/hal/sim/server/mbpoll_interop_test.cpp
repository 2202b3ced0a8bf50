// Interoperability: a Modbus master that is not ours (mbpoll, built on libmodbus but with its
// own request handling and addressing) reads and writes the simulator over TCP and RTU.

#include <stdio.h>

#include <array>
#include <string>

#include <gtest/gtest.h>

#include "support/sim_process.hpp"

namespace sim {
namespace {

using test_support::SimProcess;

// Runs a command through the shell and returns what it printed (stdout and stderr).
std::string output_of(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 1024> chunk{};
  while (::fgets(chunk.data(), chunk.size(), pipe) != nullptr) output += chunk.data();
  ::pclose(pipe);
  return output;
}

class MbpollInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(MBPOLL_PATH).empty()) GTEST_SKIP() << "mbpoll is not installed";
  }
  // -0: references are 0-based PDU addresses, as in the datasheet; -1: poll once.
  static std::string mbpoll(const std::string& arguments) {
    return output_of(std::string(MBPOLL_PATH) + " -1 -0 -t 4 " + arguments);
  }
};

TEST_F(MbpollInterop, ReadsTheIdentityAndWritesACommandOverTcp) {
  SimProcess sim(SimProcess::Link::tcp);
  const std::string target = " -m tcp -p " + std::to_string(sim.port()) + " " + sim.host();
  const std::string identity = mbpoll("-a 1 -r 0 -c 8" + target);
  EXPECT_NE(identity.find("[0]: \t21057"), std::string::npos) << identity;  // MAP_ID 0x5241

  const std::string written = mbpoll("-a 2 -r 258" + target + " 4321");  // HEARTBEAT
  EXPECT_NE(written.find("Written 1 references"), std::string::npos) << written;
  const std::string heartbeat = mbpoll("-a 2 -r 258 -c 1" + target);
  EXPECT_NE(heartbeat.find("[258]: \t4321"), std::string::npos) << heartbeat;
}

TEST_F(MbpollInterop, ReadsTheIdentityAndWritesACommandOverRtu) {
  SimProcess sim(SimProcess::Link::rtu);
  const std::string target = " -m rtu -b 115200 -P even " + sim.device().string();
  const std::string identity = mbpoll("-a 3 -r 0 -c 8" + target);
  EXPECT_NE(identity.find("[0]: \t21057"), std::string::npos) << identity;
  EXPECT_NE(identity.find("[2]: \t3"), std::string::npos) << identity;  // AXIS_KIND depth

  const std::string written = mbpoll("-a 3 -r 258" + target + " 77");
  EXPECT_NE(written.find("Written 1 references"), std::string::npos) << written;
  const std::string heartbeat = mbpoll("-a 3 -r 258 -c 1" + target);
  EXPECT_NE(heartbeat.find("[258]: \t77"), std::string::npos) << heartbeat;
}

}  // namespace
}  // namespace sim
