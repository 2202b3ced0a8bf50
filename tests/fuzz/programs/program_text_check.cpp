#include "tests/fuzz/programs/program_text_check.hpp"

#include <string_view>
#include <variant>

#include "daemon/programs/program_checker.hpp"
#include "daemon/programs/step_reader.hpp"

namespace fuzz {
namespace {

using programs::Intensity;
using programs::LevelSpan;
using programs::ProgramLimits;

// A second opinion on an accepted program: the safety rules restated from docs/programs.md
// over the model, independent of how the reader applies them.
class AcceptedProgramAudit {
 public:
  explicit AcceptedProgramAudit(const ProgramLimits& limits) : limits_(limits) {}

  void audit(const std::vector<programs::Step>& steps, int depth) {
    if (steps.empty()) flag("a step list is empty");
    if (depth > programs::kDeepestGroup) flag("groups nest deeper than allowed");
    for (const auto& step : steps) std::visit([&](const auto& s) { audit_step(s, depth); }, step);
  }

  [[nodiscard]] std::size_t step_count() const { return steps_; }
  std::vector<std::string> violations;

 private:
  void flag(const std::string& what) { violations.push_back("accepted program: " + what); }

  void audit_target(const programs::LateralTarget& target) {
    if (programs::lateral_distance(target, limits_.midline_distance) < limits_.midline_distance) {
      flag("a target lies on the midline");
    }
  }
  void audit_span(const LevelSpan& span) {
    if (!span.runs_down_the_back()) flag("a span runs up the back");
  }
  void audit_pressure(const LevelSpan& span, Intensity intensity) {
    if (reaches(span, anatomy::Region::kidney) && intensity > limits_.gentle) {
      flag("a step presses firmly over the kidneys");
    }
  }

  void audit_step(const programs::Compression& c, int) {
    ++steps_;
    audit_target(c.target);
    audit_pressure({c.level, c.level}, c.intensity);
    if (c.hold > limits_.longest_hold || c.hold.count() < 1) flag("a hold is out of bounds");
    if (c.increments < 1 || c.increments > 3) flag("increments out of 1..3");
    if (c.repeats < 1 || c.release.count() < 1) flag("a compression never ends or never runs");
  }
  void audit_step(const programs::Rolling& r, int) {
    ++steps_;
    audit_target(r.target);
    audit_span(r.span);
    audit_pressure(r.span, r.intensity);
    if (r.span.top == r.span.bottom) flag("rolling on one level");
    if (r.speed.value() <= 0 || r.passes < 1) flag("rolling that never ends or never runs");
  }
  void audit_step(const programs::Kneading& k, int) {
    ++steps_;
    audit_target(k.target);
    audit_span(k.span);
    audit_pressure(k.span, k.intensity);
    if (programs::lateral_distance(k.target, limits_.midline_distance) - k.width / 2.0 <
        limits_.midline_distance) {
      flag("kneading circles reach the midline");
    }
  }
  void audit_step(const programs::Tapping& t, int) {
    ++steps_;
    audit_target(t.target);
    audit_span(t.span);
    if (reaches(t.span, anatomy::Region::kidney)) flag("tapping over the kidneys");
  }
  void audit_step(const programs::Rest& r, int) {
    ++steps_;
    if (r.duration.count() < 1) flag("a rest of no time");
  }
  void audit_step(const programs::StepGroup& g, int depth) {
    ++steps_;
    if (g.repeats < 1) flag("a group that never runs");
    audit(g.steps, depth + 1);
  }

  ProgramLimits limits_;
  std::size_t steps_ = 0;
};

void audit_errors(const programs::ProgramErrors& errors, std::vector<std::string>& violations) {
  if (errors.empty()) violations.emplace_back("refused without an error");
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  for (const auto& error : errors) {
    if (error.source != kFuzzSource)
      violations.push_back("error names another source: " + error.to_string());
    if (error.message.empty()) violations.push_back("an error without a message");
    if (error.message.find_first_of("\r\n") != std::string::npos) {
      violations.push_back("an error of more than one line: " + error.to_string());
    }
    if (error.line == 0 && error.column != 0) violations.push_back("a column without a line");
    if (error.line < line || (error.line == line && error.column < column)) {
      violations.push_back("errors out of file order at " + error.to_string());
    }
    line = error.line;
    column = error.column;
  }
}

}  // namespace

ProgramTextVerdict check_program_bytes(std::span<const std::uint8_t> bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const programs::ProgramChecker checker;
  const auto checked = checker.check_text(text, kFuzzSource);
  ProgramTextVerdict verdict;
  verdict.accepted = checked.has_value();

  const auto again = checker.check_text(text, kFuzzSource);
  if (again.has_value() != checked.has_value() ||
      (checked ? !(*again == *checked) : !(again.error() == checked.error()))) {
    verdict.violations.emplace_back("two checks of the same text disagree");
  }
  if (!checked) {
    audit_errors(checked.error(), verdict.violations);
    return verdict;
  }
  AcceptedProgramAudit audit(checker.limits());
  audit.audit(checked->steps, 1);
  if (audit.step_count() > programs::kMostSteps) audit.violations.emplace_back("too many steps");
  if (checker.estimated_duration(*checked) > checker.limits().session_limit) {
    audit.violations.emplace_back("accepted program: longer than the session limit");
  }
  if (checked->info.id.empty() || checked->info.name.empty()) {
    audit.violations.emplace_back("accepted program: without an id or a name");
  }
  verdict.violations = std::move(audit.violations);
  return verdict;
}

}  // namespace fuzz
