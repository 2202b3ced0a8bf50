// What a session leaves in the daemon's log: the supervisor's rules are worth reading there, so
// a program's ordinary work (moving between steps, pressing at its force) must not fill it with
// the same lines again and again.

#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "tests/daemon/session/session_rig.hpp"

namespace {

using control_test::ChairRig;
using namespace std::chrono_literals;

// The default logger's lines while it lives, as "level: text".
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(text_)) {
    sink_->set_pattern("%l: %v");
    spdlog::default_logger()->sinks().push_back(sink_);
  }
  ~LogCapture() {
    auto& sinks = spdlog::default_logger()->sinks();
    std::erase(sinks, sink_);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  [[nodiscard]] std::vector<std::string> lines() const {
    sink_->flush();
    std::vector<std::string> out;
    std::istringstream in(text_.str());
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

 private:
  std::ostringstream text_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

TEST(SessionLog, AFiveMinuteProgramLeavesEachSafetyRuleInTheLogAFewTimesAtMost) {
  LogCapture log;
  auto options = session_test::options_for(sim::body_of_size(sim::BodySize::medium));
  options.link = control_test::RigLink::in_memory;  // a whole program: the socket is not the point
  ChairRig rig(options);
  ASSERT_TRUE(rig.bring_to_ready());
  const auto controls =
      session_test::start_session(rig, session_test::shipped_program("quick-relief"));
  ASSERT_TRUE(session_test::run_until_ready(rig, 20min));
  ASSERT_EQ(controls.progress().outcome, "the program ran to its end");
  // The chair's own safety observer, which knows nothing of the daemon, saw nothing unsafe in
  // the whole session (docs/safety.md, "The safety observer").
  const auto seen = rig.chair().observer_findings();
  EXPECT_TRUE(seen.empty()) << seen.front().describe();

  std::map<std::string, int> by_rule;
  for (const auto& line : log.lines()) {
    const auto at = line.find("safety: ");
    if (at == std::string::npos) continue;
    const auto rule = line.substr(at + 8, line.find(' ', at + 8) - (at + 8));
    ++by_rule[rule];
  }
  // Moving between steps asks for no more speed than [safety] allows near the back.
  EXPECT_EQ(by_rule.count("travel_speed"), 0u) << testing::PrintToString(by_rule);
  // Any other rule: its first action and end, then a summary a minute at most.
  for (const auto& [rule, count] : by_rule) {
    EXPECT_LE(count, 2 + 8) << rule << " fills the log: " << testing::PrintToString(by_rule);
  }
}

}  // namespace
