#include "daemon/anatomy/vertebral_level.hpp"

#include <algorithm>
#include <cctype>

namespace anatomy {

std::string to_string(VertebralLevel level) {
  const auto i = static_cast<int>(index_of(level));
  if (i == 0) return "C7";
  if (i <= 12) return "T" + std::to_string(i);
  if (i <= 17) return "L" + std::to_string(i - 12);
  return "S1";
}

std::optional<VertebralLevel> parse_level(std::string_view text) {
  for (std::size_t i = 0; i < kLevelCount; ++i) {
    const auto name = to_string(level_at(i));
    if (name.size() == text.size() &&
        std::equal(name.begin(), name.end(), text.begin(), [](char a, char b) {
          return a == std::toupper(static_cast<unsigned char>(b));
        })) {
      return level_at(i);
    }
  }
  return std::nullopt;
}

VertebralLevel shifted(VertebralLevel level, int steps) {
  const auto i = static_cast<int>(index_of(level)) + steps;
  return level_at(static_cast<std::size_t>(std::clamp(i, 0, static_cast<int>(kLevelCount) - 1)));
}

Region region_of(VertebralLevel level) {
  using enum VertebralLevel;
  if (level == C7) return Region::neck;
  if (level < T12) return Region::thoracic;
  if (level <= L3) return Region::kidney;
  if (level <= L5) return Region::lumbar;
  return Region::sacral;
}

std::string_view to_string(Region region) {
  switch (region) {
    case Region::neck:
      return "neck";
    case Region::thoracic:
      return "thoracic";
    case Region::kidney:
      return "kidney";
    case Region::lumbar:
      return "lumbar";
    case Region::sacral:
      return "sacral";
  }
  return "unknown";
}

}  // namespace anatomy
