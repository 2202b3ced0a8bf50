#include "toml/strict_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using testing::HasSubstr;
using toml_strict::Document;
using toml_strict::FileError;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const FileError& e) {
    return e.what();
  }
  return "no error";
}

TEST(StrictTable, UnknownKeyIsLocatedAndListsAllowedKeys) {
  const auto doc = Document::parse_text("[bus]\nbaud = 9600\nbuad = 1\n", "chair.toml");
  const auto bus = doc.root().table("bus");
  EXPECT_EQ(bus.integer("baud", 1200, 1000000), 9600);
  const auto msg = error_of([&] { bus.reject_unknown_keys(); });
  EXPECT_THAT(msg, HasSubstr("chair.toml:3:1: unknown key \"buad\" in [bus]"));
  EXPECT_THAT(msg, HasSubstr("allowed keys: baud"));
}

TEST(StrictTable, OutOfRangeNamesKeyAndRange) {
  const auto doc = Document::parse_text("[bus]\nbaud = 300\n", "chair.toml");
  const auto msg = error_of([&] { (void)doc.root().table("bus").integer("baud", 1200, 1000000); });
  EXPECT_EQ(msg, "chair.toml:2:8: bus.baud: 300 is out of range, allowed 1200..1000000");
}

TEST(StrictTable, WrongTypeSaysWhatIsExpected) {
  const auto doc = Document::parse_text("rate = \"fast\"\n", "c.toml");
  const auto msg = error_of([&] { (void)doc.root().number("rate", 1, 1000); });
  EXPECT_THAT(msg, HasSubstr("c.toml:1:8: rate: expected a number from 1 to 1000"));
}

TEST(StrictTable, MissingRequiredKeyNamesTable) {
  const auto doc = Document::parse_text("[bus]\nport = 502\n", "c.toml");
  const auto msg = error_of([&] { (void)doc.root().table("bus").string("host"); });
  EXPECT_THAT(msg, HasSubstr("bus.host: required key is missing from [bus]"));
}

TEST(StrictTable, ChoiceListsAllowedValues) {
  const auto doc = Document::parse_text("parity = \"odd-ish\"\n", "c.toml");
  const auto msg = error_of([&] { (void)doc.root().choice("parity", {"none", "even", "odd"}); });
  EXPECT_THAT(msg, HasSubstr("\"odd-ish\" is not allowed, use one of \"none\", \"even\", \"odd\""));
}

TEST(StrictTable, SyntaxErrorIsLocated) {
  const auto msg = error_of([] { (void)Document::parse_text("a = = 1\n", "bad.toml"); });
  EXPECT_THAT(msg, HasSubstr("bad.toml:1:"));
}

TEST(StrictTable, ArrayOfTablesNamesTheElement) {
  const auto doc = Document::parse_text("[[axis]]\nunit = 1\n[[axis]]\nunit = 999\n", "c.toml");
  const auto axes = doc.root().array_of_tables("axis");
  ASSERT_EQ(axes.size(), 2U);
  const auto msg = error_of([&] { (void)axes[1].integer("unit", 1, 247); });
  EXPECT_THAT(msg, HasSubstr("c.toml:4:8: axis[1].unit: 999 is out of range"));
}

}  // namespace
