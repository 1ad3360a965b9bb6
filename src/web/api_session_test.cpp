// The web API's authentication rules with a real Application on an in-memory store: session
// cookies, CSRF, roles, setup, and the non-API paths.
#include <gtest/gtest.h>

#include "web/api.hpp"

namespace smsinfo::web {
namespace {

constexpr const char* kPassword = "correct horse battery";

class ApiSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app::Config config;
    config.storage.path = ":memory:";
    auto opened = app::Application::Open(config);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    app_ = std::move(*opened);
    api_ = std::make_unique<Api>(*app_, "/nonexistent-ui-dir");
  }

  HttpResponse Call(const std::string& method, const std::string& path,
                    const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    HttpRequest r;
    r.method = method;
    const auto q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) r.query = ParseQueryString(path.substr(q + 1));
    r.body = body;
    r.headers = std::move(headers);
    r.remote_address = "127.0.0.1";
    return api_->Handle(r);
  }

  // Sets up the admin and returns {cookie header, csrf token}.
  std::pair<std::string, std::string> SetUpAdmin() {
    auto r = Call("POST", "/api/v1/setup",
                  R"({"organization_name":"Obec Vestec","central_number":"+420720001676",)"
                  R"("username":"starosta","password":")" +
                      std::string(kPassword) + "\"}");
    EXPECT_EQ(r.status, 201) << r.body;
    return CookieAndCsrf(r);
  }
  static std::pair<std::string, std::string> CookieAndCsrf(const HttpResponse& r) {
    const std::string set_cookie = r.Header("Set-Cookie");
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    return {cookie, Json::parse(r.body).value("csrf_token", "")};
  }

  std::unique_ptr<app::Application> app_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiSessionTest, SetupIsOfferedOnceThenRefused) {
  EXPECT_EQ(Json::parse(Call("GET", "/api/v1/setup").body)["required"], true);
  SetUpAdmin();
  EXPECT_EQ(Json::parse(Call("GET", "/api/v1/setup").body)["required"], false);
  auto again = Call("POST", "/api/v1/setup",
                    R"({"organization_name":"X","username":"druhy","password":"0123456789ab"})");
  EXPECT_EQ(again.status, 409);
}

TEST_F(ApiSessionTest, LoginSetsAStrictHttpOnlyCookieAndSessionShowsTheUser) {
  SetUpAdmin();
  auto login = Call("POST", "/api/v1/session",
                    R"({"username":"starosta","password":")" + std::string(kPassword) + "\"}");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string set_cookie = login.Header("Set-Cookie");
  EXPECT_EQ(set_cookie.rfind("smsinfo_session=", 0), 0u);
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(set_cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain HTTP without a proxy";
  auto body = Json::parse(login.body);
  EXPECT_EQ(body["user"]["username"], "starosta");
  EXPECT_EQ(body["user"]["role"], "admin");
  EXPECT_EQ(body["organization"]["name"], "Obec Vestec");
  auto [cookie, csrf] = CookieAndCsrf(login);
  auto session = Call("GET", "/api/v1/session", "", {{"cookie", cookie}});
  EXPECT_EQ(session.status, 200);
  EXPECT_EQ(Json::parse(session.body)["csrf_token"], csrf);
  EXPECT_EQ(Call("GET", "/api/v1/session").status, 401);
}

TEST_F(ApiSessionTest, CookieIsSecureBehindAnHttpsProxy) {
  SetUpAdmin();
  auto login = Call("POST", "/api/v1/session",
                    R"({"username":"starosta","password":")" + std::string(kPassword) + "\"}",
                    {{"x-forwarded-proto", "https"}});
  EXPECT_NE(login.Header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(ApiSessionTest, CookieAuthenticatedChangesNeedTheCsrfToken) {
  auto [cookie, csrf] = SetUpAdmin();
  const std::string body = R"({"name":"Voda","text":"Nepoteče voda"})";
  auto refused = Call("POST", "/api/v1/templates", body, {{"cookie", cookie}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Json::parse(refused.body)["error"]["code"], "csrf");
  auto wrong = Call("POST", "/api/v1/templates", body, {{"cookie", cookie}, {"x-csrf-token", "x"}});
  EXPECT_EQ(wrong.status, 403);
  auto ok = Call("POST", "/api/v1/templates", body, {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Call("GET", "/api/v1/templates", "", {{"cookie", cookie}}).status, 200)
      << "reads need no token";
}

TEST_F(ApiSessionTest, BearerTokensNeedNoCsrfToken) {
  auto [cookie, csrf] = SetUpAdmin();
  auto token = Call("POST", "/api/v1/tokens", R"({"name":"deploy"})",
                    {{"cookie", cookie}, {"x-csrf-token", csrf}});
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string bearer = "Bearer " + Json::parse(token.body)["token"].get<std::string>();
  auto created =
      Call("POST", "/api/v1/templates", R"({"name":"A","text":"B"})", {{"authorization", bearer}});
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST_F(ApiSessionTest, ViewerCannotSendAndOperatorCannotManageUsers) {
  auto [cookie, csrf] = SetUpAdmin();
  const std::map<std::string, std::string> admin{{"cookie", cookie}, {"x-csrf-token", csrf}};
  for (const char* role : {"viewer", "operator"}) {
    auto user = Call("POST", "/api/v1/users",
                     std::string(R"({"username":")") + role + R"(","password":")" + kPassword +
                         R"(","role":")" + role + "\"}",
                     admin);
    ASSERT_EQ(user.status, 201) << user.body;
  }
  auto as = [&](const char* name) {
    auto login =
        Call("POST", "/api/v1/session",
             std::string(R"({"username":")") + name + R"(","password":")" + kPassword + "\"}");
    auto [c, t] = CookieAndCsrf(login);
    return std::map<std::string, std::string>{{"cookie", c}, {"x-csrf-token", t}};
  };
  const auto viewer = as("viewer");
  auto send = Call("POST", "/api/v1/messages",
                   R"({"text":"Ahoj","recipients":{"phones":["+420720000001"]}})", viewer);
  EXPECT_EQ(send.status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/overview", "", viewer).status, 200);
  const auto op = as("operator");
  EXPECT_EQ(Call("GET", "/api/v1/users", "", op).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/audit", "", op).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/messages",
                 R"({"text":"Ahoj","recipients":{"phones":["+420720000001"]}})", op)
                .status,
            201);
}

TEST_F(ApiSessionTest, LogoutClearsTheCookieAndEndsTheSession) {
  auto [cookie, csrf] = SetUpAdmin();
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", {{"cookie", cookie}}).status, 403);
  auto out = Call("DELETE", "/api/v1/session", "", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/session", "", {{"cookie", cookie}}).status, 401);
}

TEST_F(ApiSessionTest, PasswordChangeKeepsThisBrowserSignedInWithANewSession) {
  auto [cookie, csrf] = SetUpAdmin();
  auto changed = Call("POST", "/api/v1/session/password",
                      R"({"current_password":")" + std::string(kPassword) +
                          R"(","new_password":"another long password"})",
                      {{"cookie", cookie}, {"x-csrf-token", csrf}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Call("GET", "/api/v1/session", "", {{"cookie", cookie}}).status, 401);
  auto [fresh, fresh_csrf] = CookieAndCsrf(changed);
  EXPECT_EQ(Call("GET", "/api/v1/session", "", {{"cookie", fresh}}).status, 200);
}

TEST_F(ApiSessionTest, ContactsExportIsNotTakenForAContactId) {
  auto [cookie, csrf] = SetUpAdmin();
  auto csv = Call("GET", "/api/v1/contacts/export", "", {{"cookie", cookie}});
  EXPECT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.Header("Content-Disposition").find("attachment"), std::string::npos);
}

TEST_F(ApiSessionTest, NonApiPathsServeTheUiAndUnknownApiPathsAre404Json) {
  auto page = Call("GET", "/");
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.body.find("not built"), std::string::npos);
  auto api = Call("GET", "/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.content_type, "application/json");
}

TEST(SecurityHeaders, IncludeAStrictPolicy) {
  std::map<std::string, std::string> h(SecurityHeaders().begin(), SecurityHeaders().end());
  EXPECT_NE(h["Content-Security-Policy"].find("script-src 'self';"), std::string::npos);
  EXPECT_EQ(h["Content-Security-Policy"].find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(h["X-Frame-Options"], "DENY");
  EXPECT_EQ(h["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(h["X-Content-Type-Options"], "nosniff");
}

TEST(Cookies, AreFoundAmongOthers) {
  HttpRequest r;
  r.headers["cookie"] = "a=1; smsinfo_session=abc ; b=2";
  EXPECT_EQ(CookieFrom(r, "smsinfo_session"), "abc");
  EXPECT_EQ(CookieFrom(r, "b"), "2");
  EXPECT_EQ(CookieFrom(r, "c"), "");
  EXPECT_TRUE(SecretsEqual("abc", "abc"));
  EXPECT_FALSE(SecretsEqual("abc", "abd"));
  EXPECT_FALSE(SecretsEqual("abc", "ab"));
}

}  // namespace
}  // namespace smsinfo::web
