#include "web/api.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <charconv>

#include "web/openapi.hpp"

namespace smsinfo::web {

Result<bool> BoolQuery(const HttpRequest& request, const char* name) {
  const std::string v = request.Query(name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return Error::InvalidInput(std::string(name) + " must be true or false");
}

Result<storage::Page> PageFrom(const HttpRequest& request) {
  storage::Page page;
  auto read = [&](const char* name, std::int64_t* out, std::int64_t min,
                  std::int64_t max) -> Result<void> {
    const std::string v = request.Query(name);
    if (v.empty()) return Ok();
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < min || n > max) {
      return Error::InvalidInput(std::string("query parameter '") + name +
                                 "' must be an integer from " + std::to_string(min) + " to " +
                                 std::to_string(max));
    }
    *out = n;
    return Ok();
  };
  SMSINFO_TRY(read("limit", &page.limit, 1, 1000));
  SMSINFO_TRY(read("offset", &page.offset, 0, std::int64_t{1} << 40));
  return page;
}

Result<std::int64_t> IdFrom(const PathParams& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end()) return Error::InvalidInput("missing id");
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || n <= 0) {
    return Error::NotFound("no such id: " + it->second);
  }
  return n;
}

std::string CookieFrom(const HttpRequest& request, const std::string& name) {
  const std::string header = request.Header("cookie");
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::size_t a = start;
    while (a < end && header[a] == ' ') ++a;
    const std::size_t eq = header.find('=', a);
    if (eq != std::string::npos && eq < end && header.compare(a, eq - a, name) == 0) {
      std::string value = header.substr(eq + 1, end - eq - 1);
      while (!value.empty() && value.back() == ' ') value.pop_back();
      return value;
    }
    start = end + 1;
  }
  return {};
}

bool SecretsEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  }
  return diff == 0;
}

namespace {

bool OverHttps(const HttpRequest& request) {
  if (request.tls) return true;
  std::string proto = request.Header("x-forwarded-proto");
  for (char& c : proto) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return proto == "https";
}

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

std::string SessionCookieValue(const HttpRequest& request, const std::string& session_id) {
  return std::string(kSessionCookie) + "=" + session_id + "; HttpOnly; SameSite=Strict; Path=/" +
         (OverHttps(request) ? "; Secure" : "");
}

std::string ClearedSessionCookie(const HttpRequest& request) {
  return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" +
         (OverHttps(request) ? "; Secure" : "");
}

Api::Api(app::Application& app, std::string ui_dir)
    : app_(app), static_files_(ResolveUiDir(ui_dir.empty() ? app.config().server.ui_dir : ui_dir)) {
  AddSystemRoutes();
  // Before the directory routes: /contacts/export must not be taken for /contacts/{id}.
  AddSessionRoutes();
  AddOfficeRoutes();
  AddEventRoutes();
  AddMessageRoutes();
  AddDirectoryRoutes();
  AddRegisterRoutes();
  AddAdminRoutes();
  AddSimulatorRoutes();
  AddGatewayRoutes();
}

int Api::HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kThrottled:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kTimeout:
      return 504;
  }
  return 500;
}

HttpResponse Api::JsonResponse(int status, const Json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

HttpResponse Api::ErrorResponse(const Error& error) {
  if (error.code == ErrorCode::kInternal) spdlog::error("internal error: {}", error.message);
  HttpResponse r =
      JsonResponse(HttpStatus(error.code),
                   {{"error", {{"code", ErrorCodeName(error.code)}, {"message", error.message}}}});
  if (error.code == ErrorCode::kUnauthenticated) {
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"smsinfo\"");
  }
  return r;
}

std::optional<Api::Caller> Api::Authenticate(const HttpRequest& request,
                                             HttpResponse* refusal) const {
  const std::string auth = request.Header("authorization");
  const std::string kBearer = "Bearer ";
  if (!auth.empty()) {
    // The scheme is case-insensitive (RFC 7235): "bearer" and "BEARER" are fine too.
    auto is_bearer = [&] {
      if (auth.size() <= kBearer.size()) return false;
      for (std::size_t i = 0; i < kBearer.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(auth[i])) !=
            std::tolower(static_cast<unsigned char>(kBearer[i]))) {
          return false;
        }
      }
      return true;
    };
    if (!is_bearer()) {
      *refusal = ErrorResponse(
          Error::Unauthenticated("the Authorization header must be 'Bearer <token>'"));
      return std::nullopt;
    }
    auto actor = app_.accounts().AuthenticateToken(auth.substr(kBearer.size()));
    if (!actor.ok()) {
      *refusal = ErrorResponse(actor.error());
      return std::nullopt;
    }
    return Caller{*actor, false};
  }
  const std::string session_id = CookieFrom(request, kSessionCookie);
  if (session_id.empty()) {
    *refusal = ErrorResponse(Error::Unauthenticated(
        "not signed in: sign in, or send an 'Authorization: Bearer <token>' header"));
    return std::nullopt;
  }
  auto session = app_.sessions().Resume(session_id);
  if (!session.ok()) {
    *refusal = ErrorResponse(session.error());
    return std::nullopt;
  }
  if (ChangesState(request.method) &&
      !SecretsEqual(request.Header("x-csrf-token"), session->csrf_token)) {
    *refusal = JsonResponse(
        403, {{"error",
               {{"code", "csrf"},
                {"message",
                 "missing or wrong X-CSRF-Token header (send the csrf_token of the session)"}}}});
    return std::nullopt;
  }
  return Caller{session->actor, true};
}

HttpResponse Api::Authed(const HttpRequest& request, int ok_status, const Work& work) const {
  HttpResponse refusal;
  auto caller = Authenticate(request, &refusal);
  if (!caller) return refusal;
  auto result = work(caller->actor);
  if (!result.ok()) return ErrorResponse(result.error());
  return JsonResponse(ok_status, *result);
}

HttpResponse Api::AuthedRaw(const HttpRequest& request, const RawWork& work) const {
  HttpResponse refusal;
  auto caller = Authenticate(request, &refusal);
  if (!caller) return refusal;
  auto result = work(caller->actor);
  if (!result.ok()) return ErrorResponse(result.error());
  return std::move(*result);
}

HttpResponse Api::Handle(const HttpRequest& request) const {
  const Handler* handler = nullptr;
  PathParams params;
  switch (router_.Find(request.method, request.path, &handler, &params)) {
    case Router::Outcome::kFound:
      break;
    case Router::Outcome::kNoPath:
      if (request.path.rfind("/api/", 0) != 0 && request.path != "/api" &&
          (request.method == "GET" || request.method == "HEAD")) {
        return static_files_.Serve(request);
      }
      return ErrorResponse(Error::NotFound("no such endpoint: " + request.path));
    case Router::Outcome::kWrongMethod: {
      HttpResponse r = JsonResponse(
          405, {{"error",
                 {{"code", "method_not_allowed"},
                  {"message", request.method + " is not allowed on " + request.path}}}});
      std::string allow;
      for (const std::string& m : router_.AllowedMethods(request.path)) {
        allow += (allow.empty() ? "" : ", ") + m;
      }
      r.headers.emplace_back("Allow", allow);
      return r;
    }
  }
  try {
    return (*handler)(request, params);
  } catch (const std::exception& e) {
    // Nothing should throw here; if something does, answer and keep serving.
    return ErrorResponse(Error::Internal(e.what()));
  }
}

void Api::AddSystemRoutes() {
  router_.Add("GET", "/healthz", [](const HttpRequest&, const PathParams&) {
    return JsonResponse(200, {{"status", "ok"}});
  });
  router_.Add("GET", "/readyz", [this](const HttpRequest&, const PathParams&) {
    auto orgs = app_.store().organizations().List();
    if (!orgs.ok()) return JsonResponse(503, {{"status", "store unavailable"}});
    const auto status = app_.gateway().Status();
    return JsonResponse(200, {{"status", "ready"}, {"gateway_connected", status.connected}});
  });
  router_.Add("GET", "/api/v1/openapi.json", [](const HttpRequest&, const PathParams&) {
    HttpResponse r;
    r.body = OpenApiDocument();
    return r;
  });
}

}  // namespace smsinfo::web
