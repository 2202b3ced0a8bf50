#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

// How the API socket's byte stream becomes messages: one JSON-RPC message per line, ended by a
// newline (a "\r" before it is dropped, blank lines are not messages), none longer than the
// limit. A connection owns one and feeds it what each read brings; it is a part of its own, apart
// from the socket, so that the API's fuzz harness (tests/fuzz/api) frames arbitrary bytes
// exactly as a connection does.
namespace massaged {

class LineFramer {
 public:
  // Gets each message, in order; returns false to stop framing (the connection is closing).
  using Take = std::function<bool(std::string_view message)>;

  enum class Outcome {
    framed,    // every complete line was handed over; a partial one waits for more bytes
    stopped,   // `take` said stop
    too_long,  // a line is longer than the limit: the ones before it were handed over, and
               // nothing is kept; the connection refuses it and closes
  };

  explicit LineFramer(std::size_t max_message_bytes) : max_message_bytes_(max_message_bytes) {}

  Outcome feed(std::string_view bytes, const Take& take);
  // The client shut its side: what it sent last, even without a newline, is a message if it
  // fits the limit.
  void finish(const Take& take);

  [[nodiscard]] std::size_t max_message_bytes() const { return max_message_bytes_; }

 private:
  std::size_t max_message_bytes_;
  std::string inbox_;  // bytes received and not yet framed into lines
};

}  // namespace massaged
