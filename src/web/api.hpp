// The REST API under /api/v1 (and /healthz, /readyz, /metrics): authenticates the caller,
// routes to the app services, maps their errors to HTTP statuses. Protocol-neutral: it takes an
// HttpRequest and returns an HttpResponse, so the server library stays in http_server.cpp.
// Thread-safe after construction.
#pragma once

#include <functional>
#include <string>

#include "app/actor.hpp"
#include "app/application.hpp"
#include "web/http_types.hpp"
#include "web/json_io.hpp"
#include "web/router.hpp"

namespace smsinfo::web {

class Api {
 public:
  explicit Api(app::Application& app);
  HttpResponse Handle(const HttpRequest& request) const;

  static int HttpStatus(ErrorCode code);
  static HttpResponse ErrorResponse(const Error& error);
  static HttpResponse JsonResponse(int status, const Json& body);

 private:
  using Work = std::function<Result<Json>(const app::Actor&)>;
  // Authenticates, runs `work`, and answers `ok_status` with its JSON or the mapped error.
  HttpResponse Authed(const HttpRequest& request, int ok_status, const Work& work) const;
  Result<app::Actor> Authenticate(const HttpRequest& request) const;

  void AddSystemRoutes();
  void AddMessageRoutes();
  void AddDirectoryRoutes();
  void AddRegisterRoutes();
  void AddAdminRoutes();
  void AddSimulatorRoutes();

  app::Application& app_;
  Router router_;
};

// Shared by the route files.
Result<storage::Page> PageFrom(const HttpRequest& request);
Result<std::int64_t> IdFrom(const PathParams& params, const char* name = "id");
template <class T>
Json PageJson(const storage::PageOf<T>& page) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(ToJson(item));
  return {{"items", std::move(items)}, {"total", page.total}};
}

}  // namespace smsinfo::web
