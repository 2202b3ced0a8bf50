// Every invalid-* program of the corpus with the error the checker must give it, one test per
// case: expected/<case>.expected holds one line, "<file>:<line>:<column>: <part of the message>"
// ("<file>: <part of the message>" for an error about the whole file),
// and one of the checker's errors must be at that place and say that. A case that stops
// producing its error, or a case without its expected error, fails. The expectations live apart
// from the corpus, whose files the fuzzer reads as they are.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/programs/program_checker.hpp"
#include "support/case_files.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kFuzzPrograms = fs::path(MASSAGED_SOURCE_DIR) / "tests/fuzz/programs";

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// "invalid-bad-id.toml:2:6: id: ..." -> the place ("invalid-bad-id.toml:2:6: ") and the part of
// the message after it.
struct ExpectedError {
  std::string place;
  std::string message_part;
};

ExpectedError expected_error_of(const fs::path& program) {
  const auto path = kFuzzPrograms / "expected" / program.filename().replace_extension(".expected");
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) {
    ADD_FAILURE() << path << " is missing or empty: write the error this case must give";
    return {};
  }
  // The place is all before the first ": ": "file:line:column" (or "file" for the whole file).
  const auto at = line.find(": ");
  if (!line.starts_with(program.filename().string()) || at == std::string::npos) {
    ADD_FAILURE() << path << ": \"" << line << "\" is not \"" << program.filename().string()
                  << ":<line>:<column>: <message>\"";
    return {};
  }
  return {line.substr(0, at + 2), line.substr(at + 2)};
}

class InvalidProgram : public testing::TestWithParam<fs::path> {};

TEST_P(InvalidProgram, GivesTheErrorItIsKeptFor) {
  const auto expected = expected_error_of(GetParam());
  if (expected.place.empty()) return;
  const programs::ProgramChecker checker;
  const auto checked = checker.check_text(file_text(GetParam()), GetParam().filename().string());
  ASSERT_FALSE(checked.has_value()) << GetParam().filename() << " was accepted";
  std::string said;
  for (const auto& error : checked.error()) {
    const auto text = error.to_string();
    if (text.starts_with(expected.place) &&
        text.find(expected.message_part, expected.place.size()) != std::string::npos) {
      return;
    }
    said += "\n  " + text;
  }
  ADD_FAILURE() << "no error \"" << expected.place << expected.message_part
                << "\"; the checker said:" << said;
}

INSTANTIATE_TEST_SUITE_P(Corpus, InvalidProgram,
                         testing::ValuesIn(test_support::case_files(kFuzzPrograms / "corpus",
                                                                    "invalid-", ".toml")),
                         test_support::case_name);

}  // namespace
