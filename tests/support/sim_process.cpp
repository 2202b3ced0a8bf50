#include "support/sim_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace test_support {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kReadyTcp = "chair-sim: ready tcp ";
constexpr std::string_view kReadyRtu = "chair-sim: ready rtu ";
constexpr auto kStopTimeout = 5s;

// Exit code, or 128 + signal, as a shell reports it.
int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

SimProcess::SimProcess(Link link, std::vector<std::string> extra_args,
                       std::chrono::milliseconds ready_timeout)
    : log_path_(dir_ / "chair-sim.log"), control_path_(dir_ / "control.sock") {
  std::vector<std::string> args{MASSAGED_CHAIR_SIM_PATH};
  if (link == Link::tcp) {
    args.insert(args.end(), {"--tcp", "127.0.0.1:0"});
  } else {
    args.insert(args.end(), {"--rtu", (dir_ / "ttySIM0").string()});
  }
  args.insert(args.end(), {"--control", control_path_.string()});
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::array<int, 2> out{};
  if (::pipe2(out.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("SimProcess: pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int spawned = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  stdout_fd_ = out[0];
  if (spawned != 0) {
    ::close(stdout_fd_);
    pid_ = -1;
    throw std::runtime_error(std::string("SimProcess: cannot start ") + MASSAGED_CHAIR_SIM_PATH +
                             ": " + std::strerror(spawned));
  }
  try {
    wait_until_ready(ready_timeout);
  } catch (...) {
    stop();
    ::close(stdout_fd_);
    throw;
  }
}

SimProcess::~SimProcess() {
  control_client_.reset();
  stop();
  ::close(stdout_fd_);
}

void SimProcess::wait_until_ready(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string received;
  std::array<char, 512> chunk{};
  for (;;) {
    if (const auto end = received.find('\n'); end != std::string::npos) {
      return parse_ready_line(received.substr(0, end));
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      throw std::runtime_error("chair-sim was not ready within " + std::to_string(timeout.count()) +
                               " ms; its log:\n" + log());
    }
    pollfd in{stdout_fd_, POLLIN, 0};
    if (::poll(&in, 1, static_cast<int>(left.count())) <= 0) continue;
    const auto n = ::read(stdout_fd_, chunk.data(), chunk.size());
    if (n == 0) {
      const int code = stop();
      throw std::runtime_error("chair-sim exited (status " + std::to_string(code) +
                               ") before it was ready; its log:\n" + log());
    }
    if (n > 0) received.append(chunk.data(), static_cast<std::size_t>(n));
  }
}

void SimProcess::parse_ready_line(const std::string& line) {
  if (line.starts_with(kReadyTcp)) {
    const std::string address = line.substr(kReadyTcp.size());
    const auto colon = address.rfind(':');
    if (colon != std::string::npos) {
      host_ = address.substr(0, colon);
      port_ = std::stoi(address.substr(colon + 1));
      return;
    }
  } else if (line.starts_with(kReadyRtu)) {
    device_ = line.substr(kReadyRtu.size());
    return;
  }
  throw std::runtime_error("chair-sim printed \"" + line + "\" instead of its ready line");
}

nlohmann::json SimProcess::control(const nlohmann::json& request) {
  if (!control_client_) control_client_ = std::make_unique<ControlClient>(control_path_);
  return control_client_->send(request);
}

std::string SimProcess::log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int SimProcess::stop() {
  if (pid_ < 0) return exit_status_;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(2ms);
  }
  exit_status_ = decode_status(status);
  pid_ = -1;
  return exit_status_;
}

}  // namespace test_support
