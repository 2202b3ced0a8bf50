// libFuzzer harness: the API's request path (the connection's framing, JSON-RPC dispatch, every
// method's reading of its parameters) on arbitrary bytes as a client sends them. Built with
// -DMASSAGED_FUZZ=ON and clang; run as
//   api_request_fuzz -dict=tests/fuzz/api/api.dict -max_total_time=300 tests/fuzz/api/corpus
// A finding is a crash, a sanitizer report, a hang, or an exchange that breaks the invariants of
// check_api_bytes; add the input to the corpus once it is fixed, so every build replays it.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/api/api_exchange_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto verdict = fuzz::check_api_bytes({data, size});
  if (!verdict.violations.empty()) {
    for (const auto& violation : verdict.violations)
      std::fprintf(stderr, "%s\n", violation.c_str());
    std::abort();
  }
  return 0;
}
