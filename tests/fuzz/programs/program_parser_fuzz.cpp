// libFuzzer harness: the program checker (TOML parsing, reading and every rule) on arbitrary
// bytes. Built with -DMASSAGED_FUZZ=ON and clang; run as
//   program_parser_fuzz -max_total_time=300 tests/fuzz/programs/corpus
// A finding is a crash, a sanitizer report, a hang, or an answer that breaks the invariants of
// check_program_bytes; add the input to the corpus once it is fixed, so every build replays it.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/programs/program_text_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto verdict = fuzz::check_program_bytes({data, size});
  if (!verdict.violations.empty()) {
    for (const auto& violation : verdict.violations)
      std::fprintf(stderr, "%s\n", violation.c_str());
    std::abort();
  }
  return 0;
}
