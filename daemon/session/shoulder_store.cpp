#include "daemon/session/shoulder_store.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <system_error>

#include <nlohmann/json.hpp>

#include "daemon/session/shoulder_position.hpp"
#include "daemon/storage/atomic_file.hpp"
#include "daemon/storage/stored_file.hpp"

namespace session {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kFormat = 1;
constexpr std::size_t kLongestId = 64;
// Only the daemon reads these: they say who sat in the chair.
constexpr fs::perms kPrivate = fs::perms::owner_read | fs::perms::owner_write;

bool id_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-' ||
         c == '@';
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text.substr(0, 40)) {
    out += std::isprint(static_cast<unsigned char>(c)) != 0 ? c : '?';
  }
  return out + (text.size() > 40 ? "...\"" : "\"");
}

result::Expected<KeptShoulder, std::string> parse(const std::string& text, const fs::path& path,
                                                  std::string_view person) {
  const auto broken = [&path](const std::string& what) {
    return result::unexpected(path.string() + ": " + what +
                              "; the daemon did not write this: remove the file, and the "
                              "person's shoulder position is kept anew at their next nudge");
  };
  const auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return broken("not a JSON object");
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_number_integer() || format->get<int>() != kFormat) {
    return broken("\"format\" must be " + std::to_string(kFormat));
  }
  const auto who = doc.find("person");
  if (who == doc.end() || !who->is_string() || who->get<std::string>() != person) {
    return broken("\"person\" must be " + quoted(person));
  }
  const auto nudge = doc.find("shoulder_nudge_mm");
  const double most = (kNudgeStep * kMostNudgeSteps).value();
  if (nudge == doc.end() || !nudge->is_number() || !std::isfinite(nudge->get<double>()) ||
      std::abs(nudge->get<double>()) > most) {
    return broken("\"shoulder_nudge_mm\" must be a number from " + std::to_string(-most) + " to " +
                  std::to_string(most));
  }
  const auto last = doc.find("last_shoulder_mm");
  if (last == doc.end() || !last->is_number() || !std::isfinite(last->get<double>()) ||
      last->get<double>() < 0.0 || last->get<double>() > 10000.0) {
    return broken("\"last_shoulder_mm\" must be a travel position from 0 to 10000 mm");
  }
  const auto end = doc.find("last_back_end_mm");
  const bool has_end = end != doc.end() && !end->is_null();
  if (has_end && (!end->is_number() || !std::isfinite(end->get<double>()) ||
                  end->get<double>() < 0.0 || end->get<double>() > 10000.0)) {
    return broken("\"last_back_end_mm\" must be null or a travel position from 0 to 10000 mm");
  }
  KeptShoulder kept;
  if (has_end) kept.last_back_end = units::Millimetres(end->get<double>());
  kept.nudge_steps = static_cast<int>(std::lround(nudge->get<double>() / kNudgeStep.value()));
  kept.last_travel = units::Millimetres(last->get<double>());
  return kept;
}

}  // namespace

std::string check_person_id(std::string_view person) {
  const bool valid = !person.empty() && person.size() <= kLongestId &&
                     std::isalnum(static_cast<unsigned char>(person.front())) != 0 &&
                     std::all_of(person.begin(), person.end(), id_character);
  if (valid) return {};
  return "a person's id must be 1 to " + std::to_string(kLongestId) +
         " letters, digits, '.', '_', '-' or '@', starting with a letter or a digit; " +
         quoted(person) + " is not";
}

ShoulderStore::ShoulderStore(fs::path directory) : directory_(std::move(directory)) {}

fs::path ShoulderStore::file_of(std::string_view person) const {
  return directory_ / (std::string(person) + ".json");
}

result::Expected<std::optional<KeptShoulder>, std::string> ShoulderStore::load(
    std::string_view person) const {
  if (auto problem = check_person_id(person); !problem.empty()) {
    return result::unexpected(std::move(problem));
  }
  const auto path = file_of(person);
  const std::lock_guard lock(mutex_);
  auto text = storage::read_stored_file(path);
  if (!text) return result::unexpected(text.error());
  if (!*text) return std::optional<KeptShoulder>();
  auto kept = parse(**text, path, person);
  if (!kept) return result::unexpected(kept.error());
  return std::optional<KeptShoulder>(*kept);
}

result::Expected<void, std::string> ShoulderStore::keep(std::string_view person,
                                                        const KeptShoulder& kept) {
  if (auto problem = check_person_id(person); !problem.empty()) {
    return result::unexpected(std::move(problem));
  }
  if (std::abs(kept.nudge_steps) > kMostNudgeSteps) {
    return result::unexpected("a shoulder nudge of " + std::to_string(kept.nudge_steps) +
                              " steps is more than the " + std::to_string(kMostNudgeSteps) +
                              " either way that may be kept");
  }
  const json doc = {
      {"format", kFormat},
      {"person", std::string(person)},
      {"shoulder_nudge_mm", (kNudgeStep * kept.nudge_steps).value()},
      {"last_shoulder_mm", kept.last_travel.value()},
      {"last_back_end_mm", kept.last_back_end ? json(kept.last_back_end->value()) : json(nullptr)}};
  const std::lock_guard lock(mutex_);
  std::error_code error;
  fs::create_directories(directory_, error);
  if (error) {
    return result::unexpected("cannot create " + directory_.string() + " to keep shoulder " +
                              "positions: " + error.message() +
                              "; check the state directory's permissions");
  }
  return storage::write_atomically(file_of(person), doc.dump() + "\n", kPrivate);
}

}  // namespace session
