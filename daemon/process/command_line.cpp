#include "daemon/process/command_line.hpp"

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "daemon/config/daemon_section.hpp"

namespace massaged {

std::variant<CommandLine, ExitNow> parse_command_line(int argc, const char* const* argv,
                                                      const ServiceDirectories& service) {
  CLI::App app("massaged: the massage-chair controller daemon", "massaged");
  app.set_version_flag("--version", std::string("massaged ") + MASSAGED_VERSION);

  const std::filesystem::path default_config =
      service.configuration.value_or("/etc/massaged") / "chair.toml";
  std::string config = default_config.string();
  std::string check;
  std::string level;
  const std::vector<std::string> levels(kLogLevelNames.begin(), kLogLevelNames.end());

  auto* config_option = app.add_option("--config", config, "Configuration file")
                            ->capture_default_str()
                            ->type_name("PATH");
  app.add_option("--check-config", check,
                 "Check PATH, print the configuration with every default filled in, and exit "
                 "(0 valid, 1 invalid)")
      ->type_name("PATH")
      ->excludes(config_option);
  app.add_option("--log-level", level, "Log level, overriding the configuration")
      ->check(CLI::IsMember(levels))
      ->type_name("LEVEL");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // --help and --version end here too, successfully; a usage error exits 2 as is customary.
    return ExitNow{code == 0 ? 0 : 2};
  }

  CommandLine out;
  out.check_only = !check.empty();
  out.config_path = out.check_only ? check : config;
  if (!level.empty()) out.log_level = spdlog::level::from_str(level);
  return out;
}

}  // namespace massaged
