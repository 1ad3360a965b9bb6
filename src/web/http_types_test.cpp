#include "web/http_types.hpp"

#include <gtest/gtest.h>

namespace smsinfo::web {
namespace {

TEST(HttpTypes, DecodesQueryStrings) {
  auto q = ParseQueryString("q=Nov%C3%A1k&street=Na+Vr%C5%A1ku&empty=&flag");
  EXPECT_EQ(q["q"], "Novák");
  EXPECT_EQ(q["street"], "Na Vršku");
  EXPECT_EQ(q["empty"], "");
  EXPECT_TRUE(q.count("flag"));
}

TEST(HttpTypes, LeavesMalformedEscapesAlone) {
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
}

}  // namespace
}  // namespace smsinfo::web
