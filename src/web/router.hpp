// Maps "METHOD /path/{param}" patterns to handlers. Built once at start-up, then read-only and
// safe to use from every HTTP thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "web/http_types.hpp"

namespace smsinfo::web {

using PathParams = std::map<std::string, std::string>;
using Handler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

class Router {
 public:
  // `pattern` segments in braces match one non-empty path segment: "/api/v1/contacts/{id}".
  void Add(const std::string& method, const std::string& pattern, Handler handler);

  enum class Outcome { kFound, kNoPath, kWrongMethod };
  // On kFound, *handler and *params are set. kWrongMethod: the path exists with other methods.
  Outcome Find(const std::string& method, const std::string& path, const Handler** handler,
               PathParams* params) const;
  // The methods routed for `path`, for the Allow header of a 405; empty if the path is unknown.
  std::vector<std::string> AllowedMethods(const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Matches(const Route& route, const std::vector<std::string>& segments,
                      PathParams* params);
  std::vector<Route> routes_;
};

}  // namespace smsinfo::web
