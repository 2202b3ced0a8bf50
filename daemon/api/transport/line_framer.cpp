#include "daemon/api/transport/line_framer.hpp"

namespace massaged {
namespace {

// A message as a connection takes it: without a "\r" before its newline; nothing when blank
// (blank lines keep a hand-typed session, with socat, readable).
bool hand_over(std::string_view line, const LineFramer::Take& take) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return true;
  return take(line);
}

}  // namespace

LineFramer::Outcome LineFramer::feed(std::string_view bytes, const Take& take) {
  inbox_.append(bytes);
  std::size_t consumed = 0;
  for (;;) {
    const auto newline = inbox_.find('\n', consumed);
    if (newline == std::string::npos) break;
    const std::string_view line(inbox_.data() + consumed, newline - consumed);
    consumed = newline + 1;
    if (line.size() > max_message_bytes_) {
      inbox_.clear();
      return Outcome::too_long;
    }
    if (!hand_over(line, take)) {
      inbox_.erase(0, consumed);
      return Outcome::stopped;
    }
  }
  inbox_.erase(0, consumed);
  // One byte more than a line may hold, for its newline: more without one is too long.
  if (inbox_.size() > max_message_bytes_) {
    inbox_.clear();
    return Outcome::too_long;
  }
  return Outcome::framed;
}

void LineFramer::finish(const Take& take) {
  if (inbox_.empty() || inbox_.size() > max_message_bytes_) return;
  const std::string last = std::move(inbox_);
  inbox_.clear();
  hand_over(last, take);
}

}  // namespace massaged
