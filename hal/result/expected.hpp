#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

// A value or the error that prevented it, for operations whose failure is an ordinary outcome
// (a bus timeout, a refused request) rather than a bug. C++20 has no std::expected; this is the
// part of its interface the project uses, so the switch to std::expected is a rename.
namespace result {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  [[nodiscard]] const E& error() const& { return error_; }
  [[nodiscard]] E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>(std::forward<E>(error));
}

// Thrown by value() on an Expected that holds an error.
class BadExpectedAccess : public std::logic_error {
 public:
  BadExpectedAccess() : std::logic_error("value() called on a result that holds an error") {}
};

template <class T, class E>
class Expected {
 public:
  Expected() requires std::is_default_constructible_v<T> : state_(std::in_place_index<0>) {}
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  template <class G>
  Expected(Unexpected<G> error)  // NOLINT implicit, as std::expected
      : state_(std::in_place_index<1>, std::move(error).error()) {}

  [[nodiscard]] bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  [[nodiscard]] const T& value() const& {
    if (!has_value()) throw BadExpectedAccess();
    return std::get<0>(state_);
  }
  [[nodiscard]] T& value() & {
    if (!has_value()) throw BadExpectedAccess();
    return std::get<0>(state_);
  }
  [[nodiscard]] T&& value() && {
    if (!has_value()) throw BadExpectedAccess();
    return std::get<0>(std::move(state_));
  }
  [[nodiscard]] const E& error() const { return std::get<1>(state_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  template <class U>
  [[nodiscard]] T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> state_;
};

// An operation that yields nothing but may fail.
template <class E>
class Expected<void, E> {
 public:
  Expected() = default;
  template <class G>
  Expected(Unexpected<G> error)  // NOLINT implicit, as std::expected
      : error_(std::move(error).error()), failed_(true) {}

  [[nodiscard]] bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  void value() const {
    if (failed_) throw BadExpectedAccess();
  }
  [[nodiscard]] const E& error() const { return error_; }

 private:
  E error_{};
  bool failed_ = false;
};

}  // namespace result
