#include "daemon/safety/rule_log.hpp"

#include <set>

namespace safety {
namespace {

std::string name(Rule rule, Verdict verdict) {
  return std::string(to_string(rule)) + " " + std::string(to_string(verdict));
}

}  // namespace

std::vector<RuleLogLine> RuleLog::observe(const std::vector<RuleAction>& actions, time_point now) {
  std::vector<RuleLogLine> lines;
  // Windows that have passed: their repeats are summarised before anything new is logged.
  for (auto& [key, e] : rules_) {
    if (!e.window_start || now - *e.window_start < kRepeatWindow) continue;
    if (e.repeats > 0) {
      lines.push_back(
          {RuleLogLine::Level::info, name(key.first, key.second) + " " + std::to_string(e.repeats) +
                                         " more time" + (e.repeats == 1 ? "" : "s") +
                                         " since it was last logged; the last: " + e.last_detail});
    }
    e.window_start.reset();
    e.repeats = 0;
  }
  std::set<std::pair<Rule, Verdict>> acting;
  for (const auto& action : actions) {
    const auto key = std::make_pair(action.rule, action.verdict);
    if (!acting.insert(key).second) continue;  // the same rule twice in one decision
    auto& e = rules_[key];
    if (e.acting) continue;
    e.acting = true;
    e.logged = !e.window_start;
    if (!e.logged) {
      ++e.repeats;
      e.last_detail = action.detail;
      continue;
    }
    lines.push_back(
        {RuleLogLine::Level::warning, name(action.rule, action.verdict) + ": " + action.detail});
    e.window_start = now;
  }
  for (auto& [key, e] : rules_) {
    if (!e.acting || acting.contains(key)) continue;
    e.acting = false;
    if (e.logged) {
      lines.push_back(
          {RuleLogLine::Level::info, std::string(to_string(key.first)) + " no longer acts"});
    }
  }
  return lines;
}

}  // namespace safety
