#pragma once

#include <filesystem>
#include <string>
#include <vector>

// Which of the project's files each source file includes, found the way the compiler finds a
// quoted include: beside the including file first, then from each of the build's include
// directories in turn. System headers (<...>) and includes of files outside the tree are left
// out: the project's dependency rules are about its own parts.
namespace architecture {

struct Include {
  std::filesystem::path file;    // the including file, from the tree's root: "daemon/api/x.cpp"
  int line = 0;                  // where the #include is, from 1
  std::string written;           // what it says between the quotes: "modbus/chair_drives.hpp"
  std::filesystem::path target;  // the file it names, from the root: "hal/modbus/chair_drives.hpp"
};

// Every quoted include in the C++ sources (.cpp, .hpp, .h) under `folders` of `root`, resolved
// against the file's own folder and then `include_dirs` (relative to `root`, in the build's
// order). In file order, then line order.
std::vector<Include> includes_in(const std::filesystem::path& root,
                                 const std::vector<std::filesystem::path>& folders,
                                 const std::vector<std::filesystem::path>& include_dirs);

}  // namespace architecture
