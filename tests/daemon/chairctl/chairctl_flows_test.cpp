// chairctl flows as data: each file in tests/daemon/chairctl/flows/ is a sequence of chairctl
// commands against the real daemon on the simulated chair, with the exit code and the parts of
// the output each must give, run here as a test of its own. The format is described in
// flows/README.md.

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/case_files.hpp"
#include "tests/daemon/chairctl/chair_under_test.hpp"
#include "tests/daemon/chairctl/chairctl_run.hpp"
#include "toml/strict_table.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kFlows = fs::path(MASSAGED_SOURCE_DIR) / "tests/daemon/chairctl/flows";

massaged::testing::ChairOptions chair_options(const toml_strict::Table& chair) {
  massaged::testing::ChairOptions options;
  if (const auto shoulders = chair.optional_integer("shoulders_mm", 100, 1200)) {
    options.sim_arguments = {"--shoulder-mm", std::to_string(*shoulders)};
  }
  options.calibrated = chair.optional_boolean("calibrated").value_or(true);
  return options;
}

// Every part listed under `key` must appear in `text`.
void expect_parts(const toml_strict::Table& step, std::string_view key, const std::string& text) {
  if (!step.has(key)) return;
  for (const auto& part : step.string_array(key)) {
    EXPECT_NE(text.find(part), std::string::npos)
        << step.where(key) << ": no \"" << part << "\" in\n"
        << text;
  }
}

void run_step(massaged::testing::ChairUnderTest& chair, const toml_strict::Table& step) {
  if (const auto state = step.optional_string("wait_for")) {
    EXPECT_TRUE(chair.wait_for(*state, massaged::testing::kChairPatience))
        << step.where("wait_for") << ": the chair is " << chair.state() << ", not " << *state;
    step.reject_unknown_keys();
    return;
  }
  auto arguments = step.string_array("chairctl");
  arguments.insert(arguments.begin(), {"--socket", chair.socket().string()});
  const auto run =
      massaged::testing::run_chairctl(arguments, std::nullopt, massaged::testing::kChairPatience);
  if (const auto exit = step.optional_integer("exit", 0, 255)) {
    EXPECT_EQ(run.exit_code, *exit) << step.where("exit") << ": " << run.err;
  }
  expect_parts(step, "out", run.out);
  expect_parts(step, "err", run.err);
  step.reject_unknown_keys();
}

class ChairctlFlow : public testing::TestWithParam<fs::path> {};

TEST_P(ChairctlFlow, EveryCommandAnswersAsTheFileExpects) {
  const auto doc = toml_strict::Document::parse_file(GetParam());
  const auto root = doc.root();
  const auto chair_table = root.table("chair");
  massaged::testing::ChairUnderTest chair(chair_options(chair_table));
  if (chair_table.optional_boolean("ready").value_or(false)) chair.make_ready();
  chair_table.reject_unknown_keys();
  for (const auto& step : root.array_of_tables("step")) {
    run_step(chair, step);
    if (HasFatalFailure()) return;
  }
  root.reject_unknown_keys();
}

INSTANTIATE_TEST_SUITE_P(Files, ChairctlFlow,
                         testing::ValuesIn(test_support::case_files(kFlows, "", ".toml")),
                         test_support::case_name);

}  // namespace
