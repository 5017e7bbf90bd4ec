// Boxed<T>: an optional value kept on the heap, one pointer wide.
//
// For members that are usually absent: a std::optional<std::string> takes 40
// bytes in every object whether set or not, a Boxed<std::string> 8, and a
// schema at 10,000 models holds a few hundred thousand of them (columns,
// fields), read by every pass. It has std::optional's interface (the parts
// the code uses) and its value semantics: copies copy the value, == compares
// values, so a member can change from one to the other without its readers
// changing.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace keyway {

template <class T>
class Boxed {
 public:
  using value_type = T;

  Boxed() = default;
  Boxed(std::nullopt_t) {}  // NOLINT: implicit, as std::optional's
  Boxed(const T& value) : value_(std::make_unique<T>(value)) {}  // NOLINT
  Boxed(T&& value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  Boxed(const std::optional<T>& value)  // NOLINT
      : value_(value ? std::make_unique<T>(*value) : nullptr) {}
  Boxed(std::optional<T>&& value)  // NOLINT
      : value_(value ? std::make_unique<T>(std::move(*value)) : nullptr) {}

  Boxed(const Boxed& other) : value_(other ? std::make_unique<T>(*other) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) assign(other.get());
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(std::nullopt_t) {
    value_.reset();
    return *this;
  }
  // From anything a T is made from (a T, or "name" for a std::string), as
  // std::optional's assignment (U = T: a braced {...} makes a T).
  template <class U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Boxed> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>> &&
             std::is_constructible_v<T, U> && std::is_assignable_v<T&, U>)
  Boxed& operator=(U&& value) {
    if (value_) {
      *value_ = std::forward<U>(value);
    } else {
      value_ = std::make_unique<T>(std::forward<U>(value));
    }
    return *this;
  }
  Boxed& operator=(const std::optional<T>& value) {
    assign(value ? &*value : nullptr);
    return *this;
  }

  template <class... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() { value_.reset(); }

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }

  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }
  T& value() { return checked(); }
  const T& value() const { return checked(); }
  template <class U>
  T value_or(U&& fallback) const {
    return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  // The value, or nullptr.
  const T* get() const { return value_.get(); }
  // As a std::optional, for the few places that keep one.
  std::optional<T> to_optional() const { return value_ ? std::optional<T>(*value_) : std::nullopt; }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    if (!a || !b) return !a && !b;
    return *a == *b;
  }
  friend bool operator==(const Boxed& a, std::nullopt_t) { return !a; }
  friend bool operator==(const Boxed& a, const T& b) { return a && *a == b; }

 private:
  void assign(const T* value) {
    if (!value) {
      value_.reset();
    } else if (value_) {
      *value_ = *value;
    } else {
      value_ = std::make_unique<T>(*value);
    }
  }
  T& checked() const {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }

  std::unique_ptr<T> value_;
};

}  // namespace keyway
