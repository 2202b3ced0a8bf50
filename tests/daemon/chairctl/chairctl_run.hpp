#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tests/daemon/api/transport/foreign_client.hpp"

// Runs the chairctl built here as a child process, as a person or a script would, optionally as
// another user (a forked child that changes its credentials first; needs root), and hands back
// its exit code and output. Every run is bounded by a timeout.
namespace massaged::testing {

struct ChairctlRun {
  int exit_code = -1;  // 128 + the signal when it was killed
  std::string out;
  std::string err;
};

ChairctlRun run_chairctl(const std::vector<std::string>& arguments,
                         const std::optional<ClientIdentity>& as = std::nullopt,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace massaged::testing
