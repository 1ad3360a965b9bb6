#include "web/router.hpp"

#include <algorithm>

namespace smsinfo::web {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{method, Split(pattern), std::move(handler)});
}

bool Router::Matches(const Route& route, const std::vector<std::string>& segments,
                     PathParams* params) {
  if (route.segments.size() != segments.size()) return false;
  PathParams found;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& s = route.segments[i];
    if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
      found[s.substr(1, s.size() - 2)] = segments[i];
    } else if (s != segments[i]) {
      return false;
    }
  }
  *params = std::move(found);
  return true;
}

Router::Outcome Router::Find(const std::string& method, const std::string& path,
                             const Handler** handler, PathParams* params) const {
  const std::vector<std::string> segments = Split(path);
  bool path_found = false;
  for (const Route& route : routes_) {
    PathParams found;
    if (!Matches(route, segments, &found)) continue;
    path_found = true;
    if (route.method != method) continue;
    *handler = &route.handler;
    *params = std::move(found);
    return Outcome::kFound;
  }
  return path_found ? Outcome::kWrongMethod : Outcome::kNoPath;
}

std::vector<std::string> Router::AllowedMethods(const std::string& path) const {
  const std::vector<std::string> segments = Split(path);
  std::vector<std::string> methods;
  for (const Route& route : routes_) {
    PathParams ignored;
    if (!Matches(route, segments, &ignored)) continue;
    if (std::find(methods.begin(), methods.end(), route.method) == methods.end()) {
      methods.push_back(route.method);
    }
  }
  return methods;
}

}  // namespace smsinfo::web
