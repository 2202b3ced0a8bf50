#include "daemon/programs/program_table.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace programs {
namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string quoted_list(std::span<const std::string_view> items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += '"';
    out += item;
    out += '"';
  }
  return out;
}

std::string plain_list(std::span<const std::string_view> items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

void append_escaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xf];
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// The TOML parser's messages quote the text it stopped at, line breaks and all.
std::string one_line(std::string_view message) {
  std::string out;
  for (const char ch : message) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_control(c)) {
      append_escaped(out, c);
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

std::string ProgramTable::quoted(std::string_view value) {
  constexpr std::size_t kShown = 40;
  std::string out = "\"";
  std::size_t i = 0;
  for (; i < value.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (is_control(c)) {
      append_escaped(out, c);
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (i < value.size()) {
    // Back to the start of a UTF-8 character, so the cut leaves valid text.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xc0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xc0) out.pop_back();
    out += "...";
  }
  return out + "\"";
}

void ErrorLog::add(const toml::source_position& where, std::string message) {
  errors_.push_back({source_, where.line, where.column, one_line(message)});
}

void ErrorLog::add(std::string message) { errors_.push_back({source_, 0, 0, one_line(message)}); }

ProgramErrors ErrorLog::sorted() const {
  auto out = errors_;
  std::stable_sort(out.begin(), out.end(), [](const ProgramError& a, const ProgramError& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return out;
}

ProgramTable::ProgramTable(const toml::table& table, std::string path, ErrorLog& log)
    : table_(&table), path_(std::move(path)), log_(&log) {}

bool ProgramTable::has(std::string_view key) const { return table_->contains(key); }

std::string ProgramTable::dotted(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

toml::source_position ProgramTable::where(std::string_view key) const {
  if (const auto* node = table_->get(key)) return node->source().begin;
  return table_->source().begin;
}

void ProgramTable::fail(std::string_view key, const std::string& message) const {
  log_->add(where(key), dotted(key) + ": " + message);
}

void ProgramTable::fail_here(const std::string& message) const {
  log_->add(table_->source().begin, (path_.empty() ? "program" : path_) + ": " + message);
}

const toml::node* ProgramTable::find(std::string_view key) const { return table_->get(key); }

const toml::node* ProgramTable::require(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr) {
    const std::string name = path_.empty() ? "the top level" : "[" + path_ + "]";
    log_->add(table_->source().begin, dotted(key) + ": required key is missing from " + name);
  }
  return node;
}

std::optional<std::int64_t> ProgramTable::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max) const {
  const auto* node = require(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value_exact<std::int64_t>();
  if (!value) {
    fail(key, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    fail(key, std::to_string(*value) + " is out of range, allowed " + std::to_string(min) + ".." +
                  std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<double> ProgramTable::number(std::string_view key, double min, double max) const {
  const auto* node = require(key);
  if (node == nullptr) return std::nullopt;
  std::optional<double> value;
  if (const auto* f = node->as_floating_point()) value = f->get();
  if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
  if (!value || !std::isfinite(*value)) {
    fail(key, "expected a number from " + format_number(min) + " to " + format_number(max));
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    fail(key, format_number(*value) + " is out of range, allowed " + format_number(min) + ".." +
                  format_number(max));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> ProgramTable::string(std::string_view key, std::size_t min_length,
                                                std::size_t max_length) const {
  const auto* node = require(key);
  if (node == nullptr) return std::nullopt;
  auto value = node->value_exact<std::string>();
  if (!value) {
    fail(key, "expected a string");
    return std::nullopt;
  }
  if (value->empty() && min_length > 0) {
    fail(key, "is empty; give a text of " + std::to_string(min_length) + ".." +
                  std::to_string(max_length) + " bytes");
    return std::nullopt;
  }
  if (value->size() < min_length || value->size() > max_length) {
    fail(key, "is " + std::to_string(value->size()) + " bytes long, allowed " +
                  std::to_string(min_length) + ".." + std::to_string(max_length));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> ProgramTable::choice(std::string_view key,
                                                std::span<const std::string_view> allowed) const {
  const auto* node = require(key);
  if (node == nullptr) return std::nullopt;
  auto value = node->value_exact<std::string>();
  if (!value) {
    fail(key, "expected a string, one of " + quoted_list(allowed));
    return std::nullopt;
  }
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    fail(key, quoted(*value) + " is not allowed, use one of " + quoted_list(allowed));
    return std::nullopt;
  }
  return value;
}

std::optional<anatomy::VertebralLevel> ProgramTable::level(std::string_view key) const {
  static constexpr std::string_view kAllowed = "C7, T1..T12, L1..L5 or S1";
  const auto* node = require(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value_exact<std::string>();
  if (!value) {
    fail(key, "expected a vertebral level as a string: " + std::string(kAllowed));
    return std::nullopt;
  }
  const auto level = anatomy::parse_level(*value);
  if (!level) {
    fail(key, quoted(*value) + " is not a vertebral level a roller reaches, use " +
                  std::string(kAllowed));
  }
  return level;
}

std::optional<std::vector<ProgramTable>> ProgramTable::array_of_tables(std::string_view key) const {
  const auto* node = require(key);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) {
    fail(key, "expected an array of tables, written [[" + dotted(key) + "]]");
    return std::nullopt;
  }
  std::vector<ProgramTable> out;
  bool all_tables = true;
  std::size_t index = 0;
  for (const auto& item : *array) {
    const std::string name = dotted(key) + "[" + std::to_string(index++) + "]";
    if (const auto* table = item.as_table()) {
      out.emplace_back(*table, name, *log_);
    } else {
      log_->add(item.source().begin, name + ": expected a table");
      all_tables = false;
    }
  }
  if (!all_tables) return std::nullopt;
  return out;
}

void ProgramTable::reject_unknown_keys(std::span<const std::string_view> allowed) const {
  for (const auto& [key, value] : *table_) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    const std::string name = path_.empty() ? "at the top level" : "in [" + path_ + "]";
    log_->add(key.source().begin, "unknown key " + quoted(key.str()) + " " + name +
                                      "; allowed keys: " + plain_list(allowed));
  }
}

}  // namespace programs
