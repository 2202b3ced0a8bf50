#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

// Strict reading of the project's TOML files (configuration, actuator profiles, programs).
// Every key must be one the reader asked for, every value has a type and a range, and every
// error names the file, line and column, the dotted key and what is allowed, as
// "chair.toml:12:3: bus.rtu.baud: 300 is out of range, allowed 1200..1000000".
namespace toml_strict {

// A file that cannot be used as it is; what() is "file:line:column: message".
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Table;

// A parsed document. Owns the tree that every Table of it points into.
class Document {
 public:
  // Throws FileError for an unreadable file or a TOML syntax error.
  static Document parse_file(const std::filesystem::path& path);
  // `source_name` stands for the file name in messages.
  static Document parse_text(std::string_view text, std::string source_name);

  [[nodiscard]] Table root() const;
  [[nodiscard]] const std::string& source_name() const { return *source_; }

 private:
  Document(toml::table table, std::string source_name);
  std::shared_ptr<const toml::table> table_;
  std::shared_ptr<const std::string> source_;
};

// One table of a document, with the dotted path that leads to it.
class Table {
 public:
  Table(const toml::table& table, std::string path, std::shared_ptr<const std::string> source,
        std::shared_ptr<const toml::table> owner);

  [[nodiscard]] bool has(std::string_view key) const;

  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t min,
                                     std::int64_t max) const;
  [[nodiscard]] std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min,
                                                             std::int64_t max) const;
  // Accepts integers and floats.
  [[nodiscard]] double number(std::string_view key, double min, double max) const;
  [[nodiscard]] std::optional<double> optional_number(std::string_view key, double min,
                                                      double max) const;
  [[nodiscard]] bool boolean(std::string_view key) const;
  [[nodiscard]] std::optional<bool> optional_boolean(std::string_view key) const;
  [[nodiscard]] std::string string(std::string_view key) const;
  [[nodiscard]] std::optional<std::string> optional_string(std::string_view key) const;
  // A string that must be one of `allowed`.
  [[nodiscard]] std::string choice(std::string_view key,
                                   const std::vector<std::string_view>& allowed) const;
  [[nodiscard]] std::optional<std::string> optional_choice(
      std::string_view key, const std::vector<std::string_view>& allowed) const;
  [[nodiscard]] std::vector<std::int64_t> integer_array(std::string_view key, std::int64_t min,
                                                        std::int64_t max) const;
  [[nodiscard]] std::vector<std::string> string_array(std::string_view key) const;

  [[nodiscard]] Table table(std::string_view key) const;
  [[nodiscard]] std::optional<Table> optional_table(std::string_view key) const;
  [[nodiscard]] std::vector<Table> array_of_tables(std::string_view key) const;

  // Keys present in the file, in file order; for tables whose keys are names (e.g. axes).
  // Each listed key counts as known.
  [[nodiscard]] std::vector<std::string> keys() const;

  // Throws FileError for the first key present in the file that no read above asked about.
  void reject_unknown_keys() const;

  // "file:line:column" of a key's value (or of the table when the key is absent).
  [[nodiscard]] std::string where(std::string_view key) const;
  // The dotted name of a key of this table, as messages show it.
  [[nodiscard]] std::string dotted(std::string_view key) const;
  // Throws FileError located at the key's value: "file:line:col: dotted.key: message".
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

 private:
  const toml::node* find(std::string_view key) const;
  const toml::node& require(std::string_view key) const;
  [[noreturn]] void fail_type(std::string_view key, std::string_view wanted) const;
  [[noreturn]] void fail_at(const toml::source_region& where, const std::string& message) const;

  const toml::table* table_;
  std::string path_;
  std::shared_ptr<const std::string> source_;
  std::shared_ptr<const toml::table> owner_;
  mutable std::set<std::string, std::less<>> known_;
};

}  // namespace toml_strict
