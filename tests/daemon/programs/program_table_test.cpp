#include "daemon/programs/program_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/programs/program_text.hpp"

namespace {

using programs::ProgramTable;
using programs_test::errors_of;
using programs_test::kHeader;
using testing::ElementsAre;

TEST(ProgramTable, ValuesAreShownQuotedOnOneLine) {
  EXPECT_EQ(ProgramTable::quoted("T13"), "\"T13\"");
  EXPECT_EQ(ProgramTable::quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(ProgramTable::quoted("line\nbreak\t"), "\"line\\x0abreak\\x09\"");
}

TEST(ProgramTable, ALongValueIsCutShortAtACharacter) {
  EXPECT_EQ(ProgramTable::quoted(std::string(100, 'x')), "\"" + std::string(40, 'x') + "...\"");
  // 39 ASCII bytes, then a two-byte character across the cut: it goes whole.
  EXPECT_EQ(ProgramTable::quoted(std::string(39, 'x') + "\xc3\xa9tail"),
            "\"" + std::string(39, 'x') + "...\"");
}

TEST(ProgramTable, AKeyWithALineBreakIsReportedOnOneLine) {
  EXPECT_THAT(errors_of(kHeader + R"(
[[step]]
technique = "rest"
duration_s = 20
"dur\nation" = 4
)"),
              ElementsAre("test.toml:11:1: unknown key \"dur\\x0aation\" in [step[0]]; allowed "
                          "keys: technique, duration_s"));
}

}  // namespace
