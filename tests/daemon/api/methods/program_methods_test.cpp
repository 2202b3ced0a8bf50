#include "daemon/api/methods/program_methods.hpp"

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/source_tree.hpp"
#include "support/temp_directory.hpp"

using massaged::ApiRole;
using nlohmann::json;
using testing::HasSubstr;

namespace {

using test_support::read_text;

class ProgramMethodsTest : public testing::Test {
 protected:
  ProgramMethodsTest() {
    std::filesystem::create_directories(dir_ / "state");
    catalog_.load();
    massaged::add_program_methods(rpc_, catalog_);
  }

  json call(const std::string& method, const json& params, ApiRole role = ApiRole::oem) {
    const massaged::Caller caller{{}, role, 1, nullptr};
    const json request{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}, {"id", 1}};
    const auto reply = massaged::answer_now(rpc_, request.dump(), caller);
    return reply ? json::parse(*reply) : json("no reply");
  }

  std::string oem_program() {
    auto text = read_text(test_support::kProgramsDir / "quick-relief.toml");
    text.replace(text.find("id = \"quick-relief\""), 19, "id = \"oem-upper-back\"");
    return text;
  }

  test_support::TempDirectory dir_;
  massaged::ProgramCatalog catalog_{test_support::kProgramsDir, dir_ / "state" / "programs",
                                    programs::ProgramChecker()};
  massaged::JsonRpcDispatcher rpc_;
};

TEST_F(ProgramMethodsTest, ListShowsEachProgramsSummary) {
  const auto r = call("programs.list", json::object(), ApiRole::panel)["result"];
  ASSERT_EQ(r["programs"].size(), 7U);
  const auto& first = r["programs"][0];
  EXPECT_EQ(first["id"], "between-the-shoulder-blades");
  EXPECT_EQ(first["origin"], "shipped");
  EXPECT_TRUE(first["name"].is_string());
  EXPECT_TRUE(first["intended_minutes"].is_number_integer());
  EXPECT_GT(first["estimated_s"].get<double>(), 0.0);
  EXPECT_FALSE(r.contains("refused"));  // files to fix are for technicians and OEMs
}

TEST_F(ProgramMethodsTest, ListShowsRefusedFilesToThoseWhoCanFixThem) {
  std::filesystem::create_directories(dir_ / "state" / "programs");
  std::ofstream(dir_ / "state" / "programs" / "broken.toml") << "format = 1\n";
  catalog_.load();
  const auto r = call("programs.list", json::object(), ApiRole::technician)["result"];
  ASSERT_EQ(r["refused"].size(), 1U);
  EXPECT_THAT(r["refused"][0]["file"].get<std::string>(), HasSubstr("broken.toml"));
  EXPECT_FALSE(r["refused"][0]["errors"].empty());
}

TEST_F(ProgramMethodsTest, DescribeGivesTheStepsInTheFormatsOwnTerms) {
  const auto r = call("programs.describe", {{"id", "quick-relief"}}, ApiRole::panel)["result"];
  EXPECT_EQ(r["name"], "Quick relief");
  ASSERT_GE(r["steps"].size(), 3U);
  EXPECT_EQ(r["steps"][0], (json{{"technique", "rolling"},
                                 {"top", "C7"},
                                 {"bottom", "T7"},
                                 {"muscle", "longissimus"},
                                 {"intensity", 3},
                                 {"speed_cm_s", 4.0},
                                 {"passes", 8}}));
  EXPECT_EQ(r["steps"][1]["lateral_cm"], 5.0);
  EXPECT_EQ(r["steps"][2]["technique"], "compression");
  EXPECT_EQ(r["steps"][2]["level"], "T1");
}

TEST_F(ProgramMethodsTest, DescribingAnUnknownProgramIsNotFound) {
  const auto r = call("programs.describe", {{"id", "nope"}}, ApiRole::panel);
  EXPECT_EQ(r["error"]["code"], -32003);
  EXPECT_EQ(r["error"]["data"], (json{{"what", "program"}, {"id", "nope"}}));
}

TEST_F(ProgramMethodsTest, CheckAnswersValidWithTheEstimateOrEveryLocatedError) {
  const auto good = call("programs.check", {{"text", oem_program()}}, ApiRole::panel)["result"];
  EXPECT_EQ(good["valid"], true);
  EXPECT_EQ(good["id"], "oem-upper-back");
  EXPECT_EQ(good["installed_as"], "new");
  EXPECT_GT(good["estimated_s"].get<int>(), 0);
  auto text = oem_program();
  text.replace(text.find("passes = 8"), 10, "passes = 0");
  text.replace(text.find("intensity = 4"), 13, "intensity = 40");
  const auto bad =
      call("programs.check", {{"text", text}, {"name", "upper.toml"}}, ApiRole::panel)["result"];
  EXPECT_EQ(bad["valid"], false);
  ASSERT_GE(bad["errors"].size(), 2U);
  EXPECT_EQ(bad["errors"][0]["source"], "upper.toml");
  EXPECT_THAT(bad["errors"][0]["text"].get<std::string>(), testing::StartsWith("upper.toml:"));
  const auto shipped =
      call("programs.check", {{"text", read_text(test_support::kProgramsDir / "lower-back.toml")}},
           ApiRole::panel)["result"];
  EXPECT_EQ(shipped["installed_as"], "refused: a shipped program has this id");
}

TEST_F(ProgramMethodsTest, InstallAndRemoveNeedTheOemRole) {
  const auto r = call("programs.install", {{"text", oem_program()}}, ApiRole::technician);
  EXPECT_EQ(r["error"]["code"], -32001);
  EXPECT_EQ(call("programs.remove", {{"id", "quick-relief"}}, ApiRole::technician)["error"]["code"],
            -32001);
}

TEST_F(ProgramMethodsTest, InstalledProgramIsListedAndRemovedProgramIsNot) {
  const auto installed = call("programs.install", {{"text", oem_program()}})["result"];
  EXPECT_EQ(installed["id"], "oem-upper-back");
  EXPECT_EQ(installed["replaced"], false);
  EXPECT_EQ(call("programs.list", json::object())["result"]["programs"].size(), 8U);
  EXPECT_EQ(call("programs.describe", {{"id", "oem-upper-back"}})["result"]["origin"], "installed");
  EXPECT_EQ(call("programs.remove", {{"id", "oem-upper-back"}})["result"]["removed"], true);
  EXPECT_EQ(call("programs.list", json::object())["result"]["programs"].size(), 7U);
}

TEST_F(ProgramMethodsTest, InstallingAnInvalidProgramGivesItsErrorsInData) {
  auto text = oem_program();
  text.replace(text.find("intensity = 4"), 13, "intensity = 40");
  const auto r = call("programs.install", {{"text", text}});
  EXPECT_EQ(r["error"]["code"], -32004);
  ASSERT_FALSE(r["error"]["data"]["errors"].empty());
  EXPECT_GT(r["error"]["data"]["errors"][0]["line"].get<int>(), 0);
}

TEST_F(ProgramMethodsTest, RemovingAShippedProgramIsReadOnly) {
  const auto r = call("programs.remove", {{"id", "lower-back"}});
  EXPECT_EQ(r["error"]["code"], -32005);
  EXPECT_EQ(r["error"]["data"]["id"], "lower-back");
  EXPECT_EQ(
      call("programs.install",
           {{"text", read_text(test_support::kProgramsDir / "lower-back.toml")}})["error"]["code"],
      -32005);
}

TEST_F(ProgramMethodsTest, WrongParametersAreInvalidParamsSayingWhatIsAllowed) {
  EXPECT_EQ(call("programs.describe", json::object())["error"]["message"],
            "Invalid params: programs.describe: \"id\" is required (a string)");
  EXPECT_EQ(call("programs.describe", {{"id", 7}})["error"]["message"],
            "Invalid params: programs.describe: \"id\" must be a string, not number");
  EXPECT_EQ(call("programs.describe", {{"id", "x"}, {"verbose", true}})["error"]["message"],
            "Invalid params: programs.describe: unknown parameter \"verbose\"; it takes id");
  EXPECT_EQ(call("programs.describe", json::array({"quick-relief"}))["error"]["code"], -32602);
}

}  // namespace
