#pragma once

#include <spdlog/common.h>

// Where the daemon's log goes: to the journal when systemd runs it, else to the terminal.
namespace massaged {

enum class LogOutput {
  journal,   // stderr lines with syslog priority prefixes, which journald parses
  terminal,  // human-readable lines with time and level on stderr
};

// systemd sets $JOURNAL_STREAM when stderr goes to the journal and $INVOCATION_ID for every
// service it starts.
LogOutput log_output_from_environment();

// Makes the default logger write to `output` at `level`; safe to call again to change either.
void route_logs(LogOutput output, spdlog::level::level_enum level);

}  // namespace massaged
