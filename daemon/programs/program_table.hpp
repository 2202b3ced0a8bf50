#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "daemon/anatomy/vertebral_level.hpp"
#include "daemon/programs/program_error.hpp"

// Reading one table of a program file value by value. Unlike toml_strict::Table, nothing here
// throws: every problem is written to the file's ErrorLog with its location and reading goes
// on, so a chair maker sees every mistake of a file at once. Messages have the form of
// toml_strict's ("dotted.key: what is wrong, allowed range").
namespace programs {

class ErrorLog {
 public:
  explicit ErrorLog(std::string source) : source_(std::move(source)) {}

  void add(const toml::source_position& where, std::string message);
  // For the whole file: no line or column.
  void add(std::string message);

  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] bool empty() const { return errors_.empty(); }
  [[nodiscard]] std::size_t size() const { return errors_.size(); }
  // In the order of the file: by line, then column; the order found for the same place.
  [[nodiscard]] ProgramErrors sorted() const;

 private:
  std::string source_;
  ProgramErrors errors_;
};

class ProgramTable {
 public:
  // `path` is the table's dotted name in messages ("" at the top level, "step[2]").
  ProgramTable(const toml::table& table, std::string path, ErrorLog& log);

  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] const std::string& path() const { return path_; }
  // The dotted name of a key of this table: "step[2].hold_s".
  [[nodiscard]] std::string dotted(std::string_view key) const;

  // Each read logs a missing key, a wrong type or a value out of range and returns nullopt.
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  // Integers and floats; never NaN or infinity.
  std::optional<double> number(std::string_view key, double min, double max) const;
  // A string of min_length..max_length bytes.
  std::optional<std::string> string(std::string_view key, std::size_t min_length,
                                    std::size_t max_length) const;
  // A string that must be one of `allowed`.
  std::optional<std::string> choice(std::string_view key,
                                    std::span<const std::string_view> allowed) const;
  std::optional<anatomy::VertebralLevel> level(std::string_view key) const;
  // The tables of an array of tables; nullopt (logged) when the key holds something else or
  // any item of the array is not a table.
  std::optional<std::vector<ProgramTable>> array_of_tables(std::string_view key) const;

  // Logs the problem at the key's value (at the table when the key is absent).
  void fail(std::string_view key, const std::string& message) const;
  // Logs the problem at the table itself: "step[2]: message".
  void fail_here(const std::string& message) const;
  // Logs every key present that is not in `allowed`, at the key.
  void reject_unknown_keys(std::span<const std::string_view> allowed) const;

  // A value from the file as messages show it: in double quotes, control characters escaped so
  // that every error stays one line, and cut short after 40 bytes so that a stray paste of a
  // page of text does not become a page of error.
  static std::string quoted(std::string_view value);

 private:
  const toml::node* find(std::string_view key) const;
  // Logs "required key is missing" when the key is absent.
  const toml::node* require(std::string_view key) const;
  [[nodiscard]] toml::source_position where(std::string_view key) const;

  const toml::table* table_;
  std::string path_;
  ErrorLog* log_;
};

}  // namespace programs
