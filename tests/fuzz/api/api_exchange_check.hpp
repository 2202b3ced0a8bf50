#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

// The one entry point that the API's fuzzer and its corpus replay test share: arbitrary bytes,
// as a client would send them on the API socket, go through the connection's framing
// (LineFramer) and the daemon's JSON-RPC dispatch to every method the daemon registers (the
// ChairApi attached to a chair), exactly as a connection and the main loop answer them; then
// the exchange itself is checked. The chair is a stand-in that records every command
// (RecordingChair).
//
// The invariants, whatever the bytes:
// - framing does not depend on how reads cut the stream: the same messages, and the same
//   refusal of an over-long line, whole or read a few bytes at a time;
// - every message gets its reply, complete and well-formed JSON-RPC (a result, or an error
//   with a code and a message), unless every request in it is a notification; nothing escapes
//   as an exception and nothing waits for ever;
// - a command reaches the chair only from a request that calls a method that gives that
//   command; one that sets the chair moving (starting a source, resuming, the reset) only from
//   a request answered with a result or with the chair's own refusal or timeout, never from one
//   answered as no valid call (parse error, invalid request or params, unknown method, a role
//   it lacks, an internal error); a notification, which is not answered, only by its method.
//   Bytes that are no valid call give the chair nothing.
namespace fuzz {

// api.max_message_bytes for the harness: small, so that inputs of a few KiB reach the limit.
inline constexpr std::size_t kFuzzMessageLimit = 1024;

struct ApiExchangeVerdict {
  std::size_t messages = 0;           // lines framed
  std::vector<std::string> replies;   // the reply lines, in order
  std::size_t results = 0;            // responses with a result, over every reply
  std::size_t errors = 0;             // responses with an error
  bool refused_long_line = false;     // the stream held a line over the limit
  std::vector<std::string> commands;  // what reached the chair, in order: "method -> command"
  // What is wrong with the exchange; empty when it is as it must be.
  std::vector<std::string> violations;
};

ApiExchangeVerdict check_api_bytes(std::span<const std::uint8_t> bytes);

}  // namespace fuzz
