#pragma once

#include <compare>

namespace units {

// A physical quantity in one fixed unit. The tag makes Millimetres and Newtons different types,
// so a force can never be passed where a position is meant; conversion to and from raw register
// counts happens only at the edge, in the actuator profile's codec.
template <class Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double value) : value_(value) {}

  [[nodiscard]] constexpr double value() const { return value_; }

  constexpr auto operator<=>(const Quantity&) const = default;

  constexpr Quantity operator-() const { return Quantity(-value_); }
  constexpr Quantity& operator+=(Quantity other) {
    value_ += other.value_;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity other) {
    value_ -= other.value_;
    return *this;
  }
  friend constexpr Quantity operator+(Quantity a, Quantity b) {
    return Quantity(a.value_ + b.value_);
  }
  friend constexpr Quantity operator-(Quantity a, Quantity b) {
    return Quantity(a.value_ - b.value_);
  }
  friend constexpr Quantity operator*(Quantity a, double k) { return Quantity(a.value_ * k); }
  friend constexpr Quantity operator*(double k, Quantity a) { return Quantity(a.value_ * k); }
  friend constexpr Quantity operator/(Quantity a, double k) { return Quantity(a.value_ / k); }
  // The ratio of two quantities of the same unit is a plain number.
  friend constexpr double operator/(Quantity a, Quantity b) { return a.value_ / b.value_; }

 private:
  double value_ = 0.0;
};

template <class Tag>
constexpr Quantity<Tag> abs(Quantity<Tag> q) {
  return q.value() < 0 ? -q : q;
}

template <class Tag>
constexpr Quantity<Tag> clamp(Quantity<Tag> q, Quantity<Tag> lo, Quantity<Tag> hi) {
  return q < lo ? lo : (hi < q ? hi : q);
}

}  // namespace units
