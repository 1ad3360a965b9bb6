#include "web/router.hpp"

#include <gtest/gtest.h>

namespace smsinfo::web {
namespace {

HttpResponse Answer(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

TEST(Router, MatchesParametersAndMethods) {
  Router router;
  router.Add("GET", "/api/v1/contacts/{id}", [](const HttpRequest&, const PathParams& p) {
    return Answer(p.at("id") == "42" ? 200 : 500);
  });
  router.Add("POST", "/api/v1/contacts",
             [](const HttpRequest&, const PathParams&) { return Answer(201); });
  const Handler* h = nullptr;
  PathParams params;
  ASSERT_EQ(router.Find("GET", "/api/v1/contacts/42", &h, &params), Router::Outcome::kFound);
  EXPECT_EQ((*h)(HttpRequest{}, params).status, 200);
  EXPECT_EQ(router.Find("DELETE", "/api/v1/contacts", &h, &params), Router::Outcome::kWrongMethod);
  EXPECT_EQ(router.Find("GET", "/api/v1/contacts/42/x", &h, &params), Router::Outcome::kNoPath);
  EXPECT_EQ(router.Find("GET", "/api/v1", &h, &params), Router::Outcome::kNoPath);
}

TEST(Router, IgnoresDuplicateAndTrailingSlashes) {
  Router router;
  router.Add("GET", "/healthz", [](const HttpRequest&, const PathParams&) { return Answer(200); });
  const Handler* h = nullptr;
  PathParams params;
  EXPECT_EQ(router.Find("GET", "/healthz/", &h, &params), Router::Outcome::kFound);
}

TEST(Router, ListsTheMethodsAllowedOnAPathForA405) {
  Router router;
  auto ok = [](const HttpRequest&, const PathParams&) { return Answer(200); };
  router.Add("GET", "/api/v1/groups/{id}", ok);
  router.Add("PATCH", "/api/v1/groups/{id}", ok);
  router.Add("DELETE", "/api/v1/groups/{id}", ok);
  router.Add("GET", "/api/v1/groups", ok);
  EXPECT_EQ(router.AllowedMethods("/api/v1/groups/7"),
            (std::vector<std::string>{"GET", "PATCH", "DELETE"}));
  EXPECT_EQ(router.AllowedMethods("/api/v1/groups"), (std::vector<std::string>{"GET"}));
  EXPECT_TRUE(router.AllowedMethods("/api/v1/nothing").empty());
}

}  // namespace
}  // namespace smsinfo::web
