#pragma once

#include <nlohmann/json.hpp>

#include "daemon/api/program_catalog.hpp"
#include "daemon/programs/program.hpp"
#include "daemon/programs/program_error.hpp"

// Programs as the API shows them: a summary for lists, the steps in the program file's own
// terms for a program's description, and located errors.
namespace massaged {

// id, name, description, author, intended_minutes, estimated_s, origin.
[[nodiscard]] nlohmann::json program_summary(const CatalogEntry& entry);
// The summary, the file and every step.
[[nodiscard]] nlohmann::json program_details(const CatalogEntry& entry);
// One object per step, with the keys of the program format: technique, levels, target,
// intensity, durations; a group holds its steps.
[[nodiscard]] nlohmann::json steps_json(const std::vector<programs::Step>& steps);
// [{"source", "line", "column", "message", "text"}]: "text" is the whole located message.
[[nodiscard]] nlohmann::json errors_json(const programs::ProgramErrors& errors);

}  // namespace massaged
