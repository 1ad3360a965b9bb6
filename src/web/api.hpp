// The REST API under /api/v1 (and /healthz, /readyz, /metrics) and the web UI's files for every
// other path: authenticates the caller (API token, or session cookie plus CSRF header), routes
// to the app services, maps their errors to HTTP statuses. Protocol-neutral: it takes an
// HttpRequest and returns an HttpResponse, so the server library stays in http_server.cpp.
// Thread-safe after construction.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/actor.hpp"
#include "app/application.hpp"
#include "web/http_types.hpp"
#include "web/json_io.hpp"
#include "web/router.hpp"
#include "web/static_files.hpp"

namespace smsinfo::web {

class Api {
 public:
  // `ui_dir`: the built UI (see ResolveUiDir); empty: resolved from the app's config.
  explicit Api(app::Application& app, std::string ui_dir = {});
  HttpResponse Handle(const HttpRequest& request) const;

  static int HttpStatus(ErrorCode code);
  static HttpResponse ErrorResponse(const Error& error);
  static HttpResponse JsonResponse(int status, const Json& body);

 private:
  using Work = std::function<Result<Json>(const app::Actor&)>;
  using RawWork = std::function<Result<HttpResponse>(const app::Actor&)>;
  // Authenticates, runs `work`, and answers `ok_status` with its JSON or the mapped error.
  HttpResponse Authed(const HttpRequest& request, int ok_status, const Work& work) const;
  // The same for handlers that build the whole response (CSV, event streams).
  HttpResponse AuthedRaw(const HttpRequest& request, const RawWork& work) const;

  // Who is calling: a bearer token, or a session cookie (then state-changing methods need the
  // session's X-CSRF-Token). On failure *refusal holds the 401 or 403 to send.
  struct Caller {
    app::Actor actor;
    bool by_cookie = false;
  };
  std::optional<Caller> Authenticate(const HttpRequest& request, HttpResponse* refusal) const;

  void AddSystemRoutes();
  void AddMessageRoutes();
  void AddDirectoryRoutes();
  void AddRegisterRoutes();
  void AddAdminRoutes();
  void AddSimulatorRoutes();
  void AddSessionRoutes();
  void AddOfficeRoutes();
  void AddEventRoutes();
  // GET /api/v1/gateways and GET /metrics (api_gateways.cpp).
  void AddGatewayRoutes();

  app::Application& app_;
  Router router_;
  StaticFiles static_files_;
};

// The session cookie's name and Set-Cookie values (Secure when the request came over HTTPS,
// directly or through a proxy that says so in X-Forwarded-Proto).
inline constexpr const char* kSessionCookie = "smsinfo_session";
std::string SessionCookieValue(const HttpRequest& request, const std::string& session_id);
std::string ClearedSessionCookie(const HttpRequest& request);
// The value of cookie `name` in the request's Cookie header, or "".
std::string CookieFrom(const HttpRequest& request, const std::string& name);
// Compares secrets in time independent of where they differ.
bool SecretsEqual(const std::string& a, const std::string& b);

// Shared by the route files.
Result<storage::Page> PageFrom(const HttpRequest& request);
// A true/false query parameter (also 1/0); absent is false.
Result<bool> BoolQuery(const HttpRequest& request, const char* name);
Result<std::int64_t> IdFrom(const PathParams& params, const char* name = "id");
template <class T>
Json PageJson(const storage::PageOf<T>& page) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(ToJson(item));
  return {{"items", std::move(items)}, {"total", page.total}};
}

}  // namespace smsinfo::web
