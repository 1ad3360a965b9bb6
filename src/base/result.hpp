// Result<T>: a value or an Error, for every operation whose failure is expected (parsing,
// validation, I/O). Modeled on std::expected, which replaces it once we move to C++23.
// Plain values; safe to use from any thread.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace smsinfo {

// Protocol-neutral error kinds. Only the edges map them (web → HTTP status, smpp →
// command_status, cli → exit code), each with a switch that has no default.
enum class ErrorCode {
  kInvalidInput,
  kNotFound,
  kConflict,
  kUnavailable,
  kThrottled,
  kTimeout,
  kUnauthenticated,   // who is asking is unknown (no or bad credentials)
  kPermissionDenied,  // known, but not allowed to do this
  kInternal,
};

const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // for a person: says what was wrong and, where it helps, what to do

  static Error InvalidInput(std::string m) { return {ErrorCode::kInvalidInput, std::move(m)}; }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error Throttled(std::string m) { return {ErrorCode::kThrottled, std::move(m)}; }
  static Error Timeout(std::string m) { return {ErrorCode::kTimeout, std::move(m)}; }
  static Error Unauthenticated(std::string m) {
    return {ErrorCode::kUnauthenticated, std::move(m)};
  }
  static Error PermissionDenied(std::string m) {
    return {ErrorCode::kPermissionDenied, std::move(m)};
  }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Result<void> Ok() { return {}; }

}  // namespace smsinfo

// Propagates the error of a Result-returning expression: SMSINFO_TRY(store.Save(x));
#define SMSINFO_TRY(expr)                            \
  do {                                               \
    auto&& smsinfo_try_result_ = (expr);             \
    if (!smsinfo_try_result_.ok()) return smsinfo_try_result_.error(); \
  } while (false)
