#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

// Bad clients by the hundred on the daemon's API socket: four threads connect bursts of 50
// clients each (200 at once), each sends garbage (not JSON, the wrong shape, unknown methods,
// wrong parameters, deep nesting, every second one a line longer than the limit), then they all
// close 20 ms later, over and over until the flood is stopped. For the flood test and the flood
// benchmark, which judge what the daemon does meanwhile.
namespace massaged::testing {

// A raw client socket, for what chairctl would never send. -1 when it cannot connect.
int connect_raw(const std::filesystem::path& socket);

// Sends what the socket takes now: a bad client does not wait either. False once the daemon has
// closed the connection.
bool send_all(int fd, const std::string& text);

// What the n-th bad client sends.
std::string garbage(int n);

class ApiFlood {
 public:
  explicit ApiFlood(std::filesystem::path socket);
  ~ApiFlood();  // stops the flood
  ApiFlood(const ApiFlood&) = delete;
  ApiFlood& operator=(const ApiFlood&) = delete;

  void stop();
  [[nodiscard]] int connections() const { return connections_.load(); }

 private:
  std::filesystem::path socket_;
  std::atomic<bool> flooding_{true};
  std::atomic<int> connections_{0};
  std::vector<std::thread> threads_;
};

}  // namespace massaged::testing
