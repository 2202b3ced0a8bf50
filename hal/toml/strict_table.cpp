#include "toml/strict_table.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

namespace toml_strict {
namespace {

std::string location(const std::string& source, const toml::source_region& where) {
  std::ostringstream out;
  out << source << ':' << where.begin.line << ':' << where.begin.column;
  return out.str();
}

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += '"';
    out += item;
    out += '"';
  }
  return out;
}

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

Document::Document(toml::table table, std::string source_name)
    : table_(std::make_shared<const toml::table>(std::move(table))),
      source_(std::make_shared<const std::string>(std::move(source_name))) {}

Document Document::parse_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw FileError(path.string() + ": cannot open the file for reading");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_text(text.str(), path.string());
}

Document Document::parse_text(std::string_view text, std::string source_name) {
  try {
    return Document(toml::parse(text, source_name), source_name);
  } catch (const toml::parse_error& e) {
    throw FileError(location(source_name, e.source()) + ": " + std::string(e.description()));
  }
}

Table Document::root() const { return Table(*table_, "", source_, table_); }

Table::Table(const toml::table& table, std::string path, std::shared_ptr<const std::string> source,
             std::shared_ptr<const toml::table> owner)
    : table_(&table),
      path_(std::move(path)),
      source_(std::move(source)),
      owner_(std::move(owner)) {}

std::string Table::dotted(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string Table::where(std::string_view key) const {
  if (const auto* node = table_->get(key)) return location(*source_, node->source());
  return location(*source_, table_->source());
}

void Table::fail_at(const toml::source_region& where, const std::string& message) const {
  throw FileError(location(*source_, where) + ": " + message);
}

void Table::fail(std::string_view key, const std::string& message) const {
  throw FileError(where(key) + ": " + dotted(key) + ": " + message);
}

void Table::fail_type(std::string_view key, std::string_view wanted) const {
  fail(key, "expected " + std::string(wanted));
}

const toml::node* Table::find(std::string_view key) const {
  known_.emplace(key);
  return table_->get(key);
}

const toml::node& Table::require(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr) {
    const std::string name = path_.empty() ? "the top level" : "[" + path_ + "]";
    throw FileError(location(*source_, table_->source()) + ": " + dotted(key) +
                    ": required key is missing from " + name);
  }
  return *node;
}

bool Table::has(std::string_view key) const { return table_->contains(key); }

std::optional<std::int64_t> Table::optional_integer(std::string_view key, std::int64_t min,
                                                    std::int64_t max) const {
  const auto* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value_exact<std::int64_t>();
  if (!value)
    fail_type(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
  if (*value < min || *value > max) {
    fail(key, std::to_string(*value) + " is out of range, allowed " + std::to_string(min) + ".." +
                  std::to_string(max));
  }
  return value;
}

std::int64_t Table::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  require(key);
  return *optional_integer(key, min, max);
}

std::optional<double> Table::optional_number(std::string_view key, double min, double max) const {
  const auto* node = find(key);
  if (node == nullptr) return std::nullopt;
  std::optional<double> value;
  if (const auto* f = node->as_floating_point()) value = f->get();
  if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
  if (!value || !std::isfinite(*value)) {
    fail_type(key, "a number from " + format_number(min) + " to " + format_number(max));
  }
  if (*value < min || *value > max) {
    fail(key, format_number(*value) + " is out of range, allowed " + format_number(min) + ".." +
                  format_number(max));
  }
  return value;
}

double Table::number(std::string_view key, double min, double max) const {
  require(key);
  return *optional_number(key, min, max);
}

std::optional<bool> Table::optional_boolean(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value_exact<bool>();
  if (!value) fail_type(key, "true or false");
  return value;
}

bool Table::boolean(std::string_view key) const {
  require(key);
  return *optional_boolean(key);
}

std::optional<std::string> Table::optional_string(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value_exact<std::string>();
  if (!value) fail_type(key, "a string");
  return value;
}

std::string Table::string(std::string_view key) const {
  require(key);
  return *optional_string(key);
}

std::optional<std::string> Table::optional_choice(
    std::string_view key, const std::vector<std::string_view>& allowed) const {
  const auto value = optional_string(key);
  if (!value) return std::nullopt;
  for (const auto& a : allowed) {
    if (*value == a) return value;
  }
  fail(key, "\"" + *value + "\" is not allowed, use one of " + join(allowed));
}

std::string Table::choice(std::string_view key,
                          const std::vector<std::string_view>& allowed) const {
  require(key);
  return *optional_choice(key, allowed);
}

std::vector<std::int64_t> Table::integer_array(std::string_view key, std::int64_t min,
                                               std::int64_t max) const {
  const auto& node = require(key);
  const auto* array = node.as_array();
  if (array == nullptr) fail_type(key, "an array of integers");
  std::vector<std::int64_t> out;
  for (const auto& item : *array) {
    const auto value = item.value_exact<std::int64_t>();
    if (!value) fail_at(item.source(), dotted(key) + ": expected an integer");
    if (*value < min || *value > max) {
      fail_at(item.source(), dotted(key) + ": " + std::to_string(*value) +
                                 " is out of range, allowed " + std::to_string(min) + ".." +
                                 std::to_string(max));
    }
    out.push_back(*value);
  }
  return out;
}

std::vector<std::string> Table::string_array(std::string_view key) const {
  const auto& node = require(key);
  const auto* array = node.as_array();
  if (array == nullptr) fail_type(key, "an array of strings");
  std::vector<std::string> out;
  for (const auto& item : *array) {
    const auto value = item.value_exact<std::string>();
    if (!value) fail_at(item.source(), dotted(key) + ": expected a string");
    out.push_back(*value);
  }
  return out;
}

std::optional<Table> Table::optional_table(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto* table = node->as_table();
  if (table == nullptr) fail_type(key, "a table");
  return Table(*table, dotted(key), source_, owner_);
}

Table Table::table(std::string_view key) const {
  require(key);
  return *optional_table(key);
}

std::vector<Table> Table::array_of_tables(std::string_view key) const {
  const auto& node = require(key);
  const auto* array = node.as_array();
  if (array == nullptr) fail_type(key, "an array of tables");
  std::vector<Table> out;
  std::size_t index = 0;
  for (const auto& item : *array) {
    const auto* table = item.as_table();
    const std::string name = dotted(key) + "[" + std::to_string(index++) + "]";
    if (table == nullptr) fail_at(item.source(), name + ": expected a table");
    out.emplace_back(*table, name, source_, owner_);
  }
  return out;
}

std::vector<std::string> Table::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : *table_) {
    known_.emplace(key.str());
    out.emplace_back(key.str());
  }
  return out;
}

void Table::reject_unknown_keys() const {
  for (const auto& [key, value] : *table_) {
    if (known_.contains(key.str())) continue;
    std::string allowed;
    for (const auto& k : known_) allowed += (allowed.empty() ? "" : ", ") + k;
    const std::string name = path_.empty() ? "at the top level" : "in [" + path_ + "]";
    fail_at(key.source(), "unknown key \"" + std::string(key.str()) + "\" " + name +
                              (allowed.empty() ? "" : "; allowed keys: " + allowed));
  }
}

}  // namespace toml_strict
