#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clock/clock.hpp"
#include "daemon/safety/safety_rule.hpp"

// What the supervisor's rules write to the log. A rule that starts acting is logged with its
// detail, and again when it stops; but a rule that acts again and again on the same cause (the
// carriage slowed near the back at every move, a force capped at every press) would fill the log
// with the same two lines, so a rule that starts again within kRepeatWindow of being logged is
// counted instead, and the count is logged once the window has passed: "travel_speed clamped 37
// more times since it was last logged; the last: ...". Not thread-safe: the supervisor's.
namespace safety {

inline constexpr std::chrono::seconds kRepeatWindow{60};

struct RuleLogLine {
  enum class Level { warning, info } level = Level::info;
  std::string text;  // without the "safety: " prefix

  bool operator==(const RuleLogLine&) const = default;
};

class RuleLog {
 public:
  using time_point = hal::Clock::time_point;

  // The lines to log for the rules that act in this cycle's decision.
  [[nodiscard]] std::vector<RuleLogLine> observe(const std::vector<RuleAction>& actions,
                                                 time_point now);

 private:
  struct Episodes {
    bool acting = false;
    bool logged = false;  // the episode under way was logged when it began
    std::optional<time_point> window_start;
    int repeats = 0;  // episodes begun in the window without a line of their own
    std::string last_detail;
  };

  std::map<std::pair<Rule, Verdict>, Episodes> rules_;
};

}  // namespace safety
