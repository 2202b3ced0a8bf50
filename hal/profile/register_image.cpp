#include "profile/register_image.hpp"

#include <stdexcept>
#include <string>

namespace hal {
namespace {

std::int64_t min_of(const RegisterSpec& spec) {
  if (!spec.is_signed) return 0;
  return spec.words == 2 ? INT32_MIN : INT16_MIN;
}

std::int64_t max_of(const RegisterSpec& spec) {
  if (spec.is_signed) return spec.words == 2 ? INT32_MAX : INT16_MAX;
  return spec.words == 2 ? UINT32_MAX : UINT16_MAX;
}

}  // namespace

bool fits(const RegisterSpec& spec, std::int64_t value) {
  return value >= min_of(spec) && value <= max_of(spec);
}

std::int64_t decode_words(const RegisterSpec& spec, WordOrder order,
                          std::span<const std::uint16_t> words) {
  if (spec.words == 1) {
    return spec.is_signed ? static_cast<std::int64_t>(static_cast<std::int16_t>(words[0]))
                          : static_cast<std::int64_t>(words[0]);
  }
  const std::uint32_t high = order == WordOrder::high_word_first ? words[0] : words[1];
  const std::uint32_t low = order == WordOrder::high_word_first ? words[1] : words[0];
  const std::uint32_t raw = (high << 16U) | low;
  return spec.is_signed ? static_cast<std::int64_t>(static_cast<std::int32_t>(raw))
                        : static_cast<std::int64_t>(raw);
}

RegisterImage::RegisterImage(RegisterRange range, WordOrder order)
    : range_(range), order_(order), words_(range.count, 0) {}

RegisterImage::RegisterImage(RegisterRange range, WordOrder order, std::vector<std::uint16_t> words)
    : range_(range), order_(order), words_(std::move(words)) {
  if (words_.size() != range.count) {
    throw std::out_of_range("register image of " + std::to_string(range.count) + " words given " +
                            std::to_string(words_.size()));
  }
}

std::size_t RegisterImage::offset_of(const RegisterSpec& spec) const {
  if (!range_.contains(spec)) {
    throw std::out_of_range("register " + std::to_string(spec.address) +
                            " lies outside the image starting at " + std::to_string(range_.start));
  }
  return spec.address - range_.start;
}

std::int64_t RegisterImage::get(const RegisterSpec& spec) const {
  const auto at = offset_of(spec);
  return decode_words(spec, order_, std::span(words_).subspan(at, spec.words));
}

void RegisterImage::set(const RegisterSpec& spec, std::int64_t value) {
  const auto at = offset_of(spec);
  if (!fits(spec, value)) {
    throw std::out_of_range(std::to_string(value) + " does not fit the register at " +
                            std::to_string(spec.address));
  }
  const auto raw = static_cast<std::uint32_t>(value);
  if (spec.words == 1) {
    words_[at] = static_cast<std::uint16_t>(raw & 0xFFFFU);
    return;
  }
  const auto high = static_cast<std::uint16_t>(raw >> 16U);
  const auto low = static_cast<std::uint16_t>(raw & 0xFFFFU);
  words_[at] = order_ == WordOrder::high_word_first ? high : low;
  words_[at + 1] = order_ == WordOrder::high_word_first ? low : high;
}

}  // namespace hal
