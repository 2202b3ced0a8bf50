#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "profile/actuator_profile.hpp"

namespace hal {

// The words of a register range as they travel on the bus, with access to each value by its
// RegisterSpec: width, signedness and word order are applied here and nowhere else.
class RegisterImage {
 public:
  RegisterImage(RegisterRange range, WordOrder order);
  RegisterImage(RegisterRange range, WordOrder order, std::vector<std::uint16_t> words);

  [[nodiscard]] const RegisterRange& range() const { return range_; }
  [[nodiscard]] std::span<const std::uint16_t> words() const { return words_; }
  [[nodiscard]] std::span<std::uint16_t> words() { return words_; }

  // The value as the drive means it (sign-extended when the spec is signed).
  // Throws std::out_of_range when the spec lies outside the image.
  [[nodiscard]] std::int64_t get(const RegisterSpec& spec) const;
  // Throws std::out_of_range when the value does not fit the register or lies outside the image.
  void set(const RegisterSpec& spec, std::int64_t value);

 private:
  [[nodiscard]] std::size_t offset_of(const RegisterSpec& spec) const;

  RegisterRange range_;
  WordOrder order_;
  std::vector<std::uint16_t> words_;
};

// Whether `value` can be held by the register `spec` describes.
bool fits(const RegisterSpec& spec, std::int64_t value);
// Decodes raw words (one or two, in bus order) as `spec` describes.
std::int64_t decode_words(const RegisterSpec& spec, WordOrder order,
                          std::span<const std::uint16_t> words);

}  // namespace hal
