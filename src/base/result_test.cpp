#include "base/result.hpp"

#include <gtest/gtest.h>

namespace smsinfo {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return Error::InvalidInput("odd");
  return v / 2;
}

Result<int> Quarter(int v) {
  auto h = Half(v);
  SMSINFO_TRY(h);
  return Half(*h);
}

TEST(Result, HoldsAValueOrAnError) {
  EXPECT_EQ(*Half(8), 4);
  EXPECT_EQ(Half(3).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(Half(3).error().message, "odd");
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_FALSE(Quarter(5).ok());
}

TEST(Result, NamesEveryErrorCode) {
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kThrottled), "throttled");
}

}  // namespace
}  // namespace smsinfo
