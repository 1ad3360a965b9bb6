#include "web/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace smsinfo::web {
namespace {

namespace fs = std::filesystem;

std::string Extension(const std::string& path) {
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

HttpResponse NotBuiltPage(const std::string& root) {
  HttpResponse r;
  r.status = 503;
  r.content_type = "text/plain; charset=utf-8";
  r.body =
      "smsinfo: the web UI is not built.\n\n"
      "Build it with:\n"
      "  npm ci --prefix ui && npm run build --prefix ui\n"
      "(or the normal build: cmake --build build), then reload this page.\n"
      "Looked for it in: " +
      root +
      "\n(set server.ui_dir in smsinfo.toml to use another folder).\n\n"
      "The REST API works meanwhile: /api/v1/openapi.json\n";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse NotFound() {
  HttpResponse r;
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "not found\n";
  return r;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::optional<std::string> StaticFiles::SafeRelativePath(const std::string& decoded_path) {
  if (decoded_path.empty() || decoded_path.front() != '/') return std::nullopt;
  if (decoded_path.find('\0') != std::string::npos ||
      decoded_path.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  std::string out;
  std::size_t start = 1;
  while (start <= decoded_path.size()) {
    std::size_t end = decoded_path.find('/', start);
    if (end == std::string::npos) end = decoded_path.size();
    const std::string segment = decoded_path.substr(start, end - start);
    if (segment == ".." || segment == ".") return std::nullopt;
    if (!segment.empty()) {
      if (segment.front() == '.') return std::nullopt;  // no hidden files
      if (!out.empty()) out += '/';
      out += segment;
    }
    start = end + 1;
  }
  if (out.empty()) return std::string("index.html");
  return out;
}

const char* StaticFiles::ContentTypeFor(const std::string& path) {
  const std::string ext = Extension(path);
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  std::error_code ec;
  const fs::path root(root_);
  if (root_.empty() || !fs::is_regular_file(root / "index.html", ec)) return NotBuiltPage(root_);
  auto relative = SafeRelativePath(request.path);
  if (!relative) return NotFound();
  std::string served = *relative;
  auto body = ReadFile(root / served);
  if (!body) {
    // Client-side routes ("/zpravy/12") have no extension: they get the app.
    if (!Extension(served).empty()) return NotFound();
    served = "index.html";
    body = ReadFile(root / served);
    if (!body) return NotBuiltPage(root_);
  }
  HttpResponse r;
  r.content_type = ContentTypeFor(served);
  r.body = request.method == "HEAD" ? std::string() : std::move(*body);
  if (served == "index.html") {
    r.headers.emplace_back("Cache-Control", "no-cache");
  } else if (served.rfind("assets/", 0) == 0) {
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    r.headers.emplace_back("Cache-Control", "no-cache");
  }
  return r;
}

std::string ResolveUiDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
#ifdef SMSINFO_DEFAULT_UI_DIR
  if (fs::is_directory(SMSINFO_DEFAULT_UI_DIR, ec)) return SMSINFO_DEFAULT_UI_DIR;
#endif
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::is_directory(exe.parent_path() / "ui", ec))
    return (exe.parent_path() / "ui").string();
#ifdef SMSINFO_DEFAULT_UI_DIR
  return SMSINFO_DEFAULT_UI_DIR;  // not built yet: the "not built" page names this folder
#else
  return exe.empty() ? std::string("ui") : (exe.parent_path() / "ui").string();
#endif
}

}  // namespace smsinfo::web
