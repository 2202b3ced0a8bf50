#pragma once

#include <chrono>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

// Calls a function at a fixed period on the main loop, without drift: each expiry is one
// period after the previous one, not after the callback ran. A loop that fell behind by more
// than a period skips the missed ticks rather than firing them in a burst.
namespace massaged {

class PeriodicTimer {
 public:
  PeriodicTimer(boost::asio::io_context& io, std::chrono::steady_clock::duration period,
                std::function<void()> tick);
  PeriodicTimer(const PeriodicTimer&) = delete;
  PeriodicTimer& operator=(const PeriodicTimer&) = delete;

  void start();
  void stop();

 private:
  void wait();

  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::duration period_;
  std::function<void()> tick_;
  bool running_ = false;
};

}  // namespace massaged
