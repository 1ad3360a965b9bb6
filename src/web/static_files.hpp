// Serves the built web UI (ui/dist) from a folder: files by path with their Content-Type,
// index.html for unknown paths without an extension (client-side routing), no-cache for
// index.html and a long max-age for the hashed files under /assets/. Paths that try to leave the
// folder ("..", backslashes, NUL) are refused before the file system is touched. Thread-safe
// after construction (reads files on each request; the UI is small).
#pragma once

#include <optional>
#include <string>

#include "web/http_types.hpp"

namespace smsinfo::web {

class StaticFiles {
 public:
  // `root`: the folder holding index.html. It may be missing; then every page explains how to
  // build the UI.
  explicit StaticFiles(std::string root);

  // For GET and HEAD of any path outside /api: the file, index.html, or 404.
  HttpResponse Serve(const HttpRequest& request) const;

  // The path below the root for a decoded request path ("/assets/a.js" → "assets/a.js", "/"
  // → "index.html"), or nullopt if it is unsafe.
  static std::optional<std::string> SafeRelativePath(const std::string& decoded_path);
  static const char* ContentTypeFor(const std::string& path);
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// The UI folder to use: `configured` if not empty, else the compile-time default
// (SMSINFO_DEFAULT_UI_DIR, the source tree's ui/dist) if it exists, else <exe dir>/ui.
std::string ResolveUiDir(const std::string& configured);

}  // namespace smsinfo::web
