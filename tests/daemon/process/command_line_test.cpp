#include "daemon/process/command_line.hpp"

#include <gtest/gtest.h>

namespace {

std::variant<massaged::CommandLine, massaged::ExitNow> parse(
    std::vector<const char*> arguments, const massaged::ServiceDirectories& service = {}) {
  arguments.insert(arguments.begin(), "massaged");
  return massaged::parse_command_line(static_cast<int>(arguments.size()), arguments.data(),
                                      service);
}

TEST(CommandLine, ConfigurationDefaultsToEtcMassaged) {
  const auto line = std::get<massaged::CommandLine>(parse({}));
  EXPECT_EQ(line.config_path, "/etc/massaged/chair.toml");
  EXPECT_FALSE(line.check_only);
  EXPECT_FALSE(line.log_level);
}

TEST(CommandLine, UnderSystemdTheConfigurationDirectoryIsTheDefault) {
  massaged::ServiceDirectories service;
  service.configuration = "/etc/massaged-b";
  EXPECT_EQ(std::get<massaged::CommandLine>(parse({}, service)).config_path,
            "/etc/massaged-b/chair.toml");
}

TEST(CommandLine, ConfigOptionNamesTheFile) {
  EXPECT_EQ(std::get<massaged::CommandLine>(parse({"--config", "/tmp/c.toml"})).config_path,
            "/tmp/c.toml");
}

TEST(CommandLine, CheckConfigChecksTheFileItNames) {
  const auto line = std::get<massaged::CommandLine>(parse({"--check-config", "/tmp/c.toml"}));
  EXPECT_TRUE(line.check_only);
  EXPECT_EQ(line.config_path, "/tmp/c.toml");
}

TEST(CommandLine, LogLevelOverridesTheConfiguration) {
  EXPECT_EQ(std::get<massaged::CommandLine>(parse({"--log-level", "debug"})).log_level,
            spdlog::level::debug);
  EXPECT_EQ(std::get<massaged::CommandLine>(parse({"--log-level", "warning"})).log_level,
            spdlog::level::warn);
}

TEST(CommandLine, UnknownLogLevelIsAUsageError) {
  EXPECT_EQ(std::get<massaged::ExitNow>(parse({"--log-level", "loud"})).code, 2);
}

TEST(CommandLine, UnknownOptionIsAUsageError) {
  EXPECT_EQ(std::get<massaged::ExitNow>(parse({"--frobnicate"})).code, 2);
}

TEST(CommandLine, ConfigAndCheckConfigTogetherAreAUsageError) {
  EXPECT_EQ(std::get<massaged::ExitNow>(parse({"--config", "a", "--check-config", "b"})).code, 2);
}

}  // namespace
