// The supervisor's rules as data: each file in tests/daemon/safety/scenarios/ is one case, run
// here as a test of its own. A case gives the chair's limits (the [safety] section of chair.toml,
// read by the daemon's own reader), the body and calibration, where the rollers are measured,
// the setpoint a source asks for, and what the supervisor must let through and which rules act.
// The format is described in scenarios/README.md.

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/config/safety_section.hpp"
#include "daemon/safety/supervisor.hpp"
#include "support/case_files.hpp"
#include "tests/daemon/safety/measured_chair.hpp"
#include "toml/strict_table.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(MASSAGED_SOURCE_DIR) / "tests/daemon/safety/scenarios";

constexpr double kAnyLength = 10000.0;  // mm
constexpr double kAnyForce = 1000.0;    // N
constexpr double kAnySpeed = 10000.0;   // mm/s or rpm

std::optional<safety::Rule> rule_by_name(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(safety::Rule::session_time); ++i) {
    const auto rule = static_cast<safety::Rule>(i);
    if (safety::to_string(rule) == name) return rule;
  }
  return std::nullopt;
}

safety::Rule rule_named(const toml_strict::Table& t, std::string_view key) {
  const auto name = t.string(key);
  const auto rule = rule_by_name(name);
  if (!rule) t.fail(key, "\"" + name + "\" is not a rule of the supervisor (safety_rule.hpp)");
  return *rule;
}

std::vector<safety::Rule> rules_named(const toml_strict::Table& t, std::string_view key) {
  std::vector<safety::Rule> rules;
  if (!t.has(key)) return rules;
  for (const auto& name : t.string_array(key)) {
    const auto rule = rule_by_name(name);
    if (!rule) t.fail(key, "\"" + name + "\" is not a rule of the supervisor (safety_rule.hpp)");
    rules.push_back(*rule);
  }
  return rules;
}

// A travel position given as a vertebral level on the body ("T6") or in millimetres.
units::Millimetres travel_of(const toml_strict::Table& t,
                             const std::optional<bodymap::BodyMap>& body,
                             units::Millimetres otherwise) {
  if (const auto level = t.optional_string("travel")) {
    const auto parsed = anatomy::parse_level(*level);
    if (!parsed) t.fail("travel", "\"" + *level + "\" is not a vertebral level (C7..S1)");
    if (!body) t.fail("travel", "a vertebral level needs [chair] shoulders_mm");
    return body->travel_of(*parsed);
  }
  return units::Millimetres(
      t.optional_number("travel_mm", 0.0, kAnyLength).value_or(otherwise.value()));
}

// What a case sets up and asks.
struct Scenario {
  safety::SafetyLimits limits;
  safety::Calibration calibration;
  control::SetpointRequest asked;
  safety_test::Place measured;
};

Scenario read_scenario(const toml_strict::Table& root) {
  Scenario s;
  s.limits =
      massaged::read_safety_section(root.optional_table("safety"), massaged::ControlSection{});

  const auto chair = root.table("chair");
  if (const auto shoulders = chair.optional_number("shoulders_mm", 0.0, kAnyLength)) {
    s.asked.context.body.emplace(units::Millimetres(*shoulders), bodymap::ChairGeometry{});
  }
  s.calibration.valid = chair.optional_boolean("calibrated").value_or(true);
  chair.reject_unknown_keys();

  const auto asked = root.table("asked");
  auto& setpoint = s.asked.setpoint;
  setpoint.travel = travel_of(asked, s.asked.context.body, setpoint.travel);
  setpoint.travel_speed = units::MillimetresPerSecond(
      asked.optional_number("travel_speed_mm_s", 0.0, kAnySpeed).value_or(0.0));
  setpoint.lateral = units::Millimetres(
      asked.optional_number("lateral_mm", 0.0, kAnyLength).value_or(setpoint.lateral.value()));
  if (const auto force = asked.optional_number("force_n", 0.0, kAnyForce)) {
    setpoint.depth = control::DepthForce{units::Newtons(*force)};
  }
  if (const auto depth = asked.optional_number("depth_mm", 0.0, kAnyLength)) {
    if (asked.has("force_n")) asked.fail("depth_mm", "give force_n or depth_mm, not both");
    setpoint.depth = control::DepthPosition{units::Millimetres(*depth)};
  }
  setpoint.knead = units::Rpm(asked.optional_number("knead_rpm", 0.0, kAnySpeed).value_or(0.0));
  setpoint.tap = units::Rpm(asked.optional_number("tap_rpm", 0.0, kAnySpeed).value_or(0.0));
  auto& context = s.asked.context;
  const auto purpose =
      asked.optional_choice("purpose", {"massage", "body_scan", "service"}).value_or("massage");
  context.purpose = purpose == "service"     ? control::Purpose::service
                    : purpose == "body_scan" ? control::Purpose::body_scan
                                             : control::Purpose::massage;
  context.engage_depth = asked.optional_boolean("engage_depth").value_or(false);
  if (const auto most = asked.optional_number("max_intensity_n", 0.0, kAnyForce)) {
    context.max_intensity = units::Newtons(*most);
  }
  asked.reject_unknown_keys();

  // Unless the case says otherwise, the rollers are where the request wants them, not touching.
  s.measured = {.travel = setpoint.travel, .lateral = setpoint.lateral};
  if (const auto measured = root.optional_table("measured")) {
    s.measured.travel = travel_of(*measured, context.body, s.measured.travel);
    s.measured.lateral = units::Millimetres(measured->optional_number("lateral_mm", 0.0, kAnyLength)
                                                .value_or(s.measured.lateral.value()));
    s.measured.force =
        units::Newtons(measured->optional_number("force_n", 0.0, kAnyForce).value_or(0.0));
    measured->reject_unknown_keys();
  }
  return s;
}

// Checks the decision against [expect] and [[expect.actions]]; each key present is one
// assertion.
void check_decision(const safety::Decision& d, const toml_strict::Table& expect) {
  const auto& setpoint = d.setpoint;
  if (const auto force = expect.optional_number("force_n", 0.0, kAnyForce)) {
    ASSERT_TRUE(std::holds_alternative<control::DepthForce>(setpoint.depth))
        << expect.where("force_n");
    EXPECT_EQ(std::get<control::DepthForce>(setpoint.depth).force.value(), *force)
        << expect.where("force_n");
  }
  if (const auto depth = expect.optional_number("depth_mm", 0.0, kAnyLength)) {
    ASSERT_TRUE(std::holds_alternative<control::DepthPosition>(setpoint.depth))
        << expect.where("depth_mm");
    EXPECT_EQ(std::get<control::DepthPosition>(setpoint.depth).position.value(), *depth)
        << expect.where("depth_mm");
  }
  if (const auto retracted = expect.optional_boolean("retracted")) {
    EXPECT_EQ(control::is_retracted(setpoint.depth), *retracted) << expect.where("retracted");
  }
  if (const auto limit = expect.optional_number("force_limit_n", 0.0, kAnyForce)) {
    EXPECT_EQ(d.force_limit.value(), *limit) << expect.where("force_limit_n");
  }
  if (const auto engage = expect.optional_boolean("engage_depth")) {
    EXPECT_EQ(d.engage_depth, *engage) << expect.where("engage_depth");
  }
  if (const auto travel = expect.optional_number("travel_mm", 0.0, kAnyLength)) {
    EXPECT_EQ(setpoint.travel.value(), *travel) << expect.where("travel_mm");
  }
  if (const auto lateral = expect.optional_number("lateral_mm", 0.0, kAnyLength)) {
    EXPECT_EQ(setpoint.lateral.value(), *lateral) << expect.where("lateral_mm");
  }
  if (const auto speed = expect.optional_number("travel_speed_mm_s", 0.0, kAnySpeed)) {
    EXPECT_EQ(setpoint.travel_speed.value(), *speed) << expect.where("travel_speed_mm_s");
  }
  if (const auto tap = expect.optional_number("tap_rpm", 0.0, kAnySpeed)) {
    EXPECT_EQ(setpoint.tap.value(), *tap) << expect.where("tap_rpm");
  }
  for (const auto rule : rules_named(expect, "acted")) {
    EXPECT_TRUE(d.acted(rule)) << expect.where("acted") << ": " << safety::to_string(rule);
  }
  for (const auto rule : rules_named(expect, "not_acted")) {
    EXPECT_FALSE(d.acted(rule)) << expect.where("not_acted") << ": " << safety::to_string(rule);
  }
  // [[expect.actions]]: exactly these actions, in this order; `actions = []`: none at all.
  if (expect.has("actions")) {
    const auto wanted = expect.array_of_tables("actions");
    ASSERT_EQ(d.actions.size(), wanted.size()) << expect.where("actions");
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      const auto& w = wanted[i];
      EXPECT_EQ(d.actions[i].rule, rule_named(w, "rule")) << w.where("rule");
      const auto verdict = w.choice("verdict", {"clamped", "refused"});
      EXPECT_EQ(safety::to_string(d.actions[i].verdict), verdict) << w.where("verdict");
      if (const auto part = w.optional_string("detail_has")) {
        EXPECT_NE(d.actions[i].detail.find(*part), std::string::npos)
            << w.where("detail_has") << ": \"" << d.actions[i].detail << "\"";
      }
      w.reject_unknown_keys();
    }
  }
  expect.reject_unknown_keys();
}

class SupervisorScenario : public testing::TestWithParam<fs::path> {};

TEST_P(SupervisorScenario, DecidesAsTheFileExpects) {
  const auto doc = toml_strict::Document::parse_file(GetParam());
  const auto root = doc.root();
  const auto s = read_scenario(root);
  safety::Supervisor supervisor(s.limits, s.calibration);
  const auto decision = supervisor.review(s.asked, safety_test::measured_chair(s.measured),
                                          hal::Clock::time_point{std::chrono::hours(1)});
  check_decision(decision, root.table("expect"));
  root.reject_unknown_keys();
}

INSTANTIATE_TEST_SUITE_P(Files, SupervisorScenario,
                         testing::ValuesIn(test_support::case_files(kScenarios, "", ".toml")),
                         test_support::case_name);

}  // namespace
