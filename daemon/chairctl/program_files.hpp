#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

// `chairctl programs check FILE…`: the daemon's own program checker, linked into chairctl, so
// that an OEM checks programs at a desk without a chair or a daemon. Prints each file's verdict
// (every located error, or what the program is and how long it takes) and returns
// kProgramInvalid when any file has errors.
namespace chairctl {

int check_program_files(const std::vector<std::filesystem::path>& files, bool as_json,
                        std::ostream& out);

}  // namespace chairctl
