#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

// chairctl's commands, each a call (or a few) of the daemon's API and what it prints. Every
// command returns the exit code (exit_code.hpp).
namespace chairctl {

struct Options {
  std::filesystem::path socket = "/run/massaged/api.sock";
  bool json = false;  // print the daemon's answers as JSON, one per line
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
};

struct Output {
  std::ostream& out;
  std::ostream& err;
  bool terminal = false;  // stdout is a terminal: watch redraws one line
};

// How a command shows a result to a person.
using HumanText = std::function<std::string(const nlohmann::json& result)>;

// Calls `method` with `params` and prints the result: JSON with --json, else `human`'s text.
int call_and_print(const Options& options, Output& io, const std::string& method,
                   const nlohmann::json& params, const HumanText& human);

// The session's commands, whose result is a sentence ("message") saying what happens now.
int session_command(const Options& options, Output& io, const std::string& method,
                    const nlohmann::json& params = nullptr);

int status(const Options& options, Output& io);
int statistics(const Options& options, Output& io);
int install_program(const Options& options, Output& io, const std::filesystem::path& file);
// Follows the session until it ends: kSuccess when it finished or was stopped,
// kSessionInterrupted after a fault or an emergency stop.
int watch(const Options& options, Output& io);

}  // namespace chairctl
