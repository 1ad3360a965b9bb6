#include "web/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace smsinfo::web {
namespace {

namespace fs = std::filesystem;

TEST(StaticFilesPath, RefusesEveryWayOutOfTheFolder) {
  for (const char* bad : {"/../etc/passwd", "/../../etc/passwd", "/assets/../../x", "/a/./b", "/..",
                          "/a\\..\\b", "/.env", "/assets/.hidden", "relative"}) {
    EXPECT_FALSE(StaticFiles::SafeRelativePath(bad).has_value()) << bad;
  }
  EXPECT_FALSE(StaticFiles::SafeRelativePath(std::string("/a\0b", 4)).has_value());
}

TEST(StaticFilesPath, MapsRootAndNestedFiles) {
  EXPECT_EQ(*StaticFiles::SafeRelativePath("/"), "index.html");
  EXPECT_EQ(*StaticFiles::SafeRelativePath("/assets/index-1a2b.js"), "assets/index-1a2b.js");
  EXPECT_EQ(*StaticFiles::SafeRelativePath("//assets//x.css"), "assets/x.css");
  EXPECT_EQ(*StaticFiles::SafeRelativePath("/zpravy/12"), "zpravy/12");
}

TEST(StaticFilesType, KnowsTheUiFileTypes) {
  EXPECT_STREQ(StaticFiles::ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_STREQ(StaticFiles::ContentTypeFor("assets/a.JS"), "text/javascript; charset=utf-8");
  EXPECT_STREQ(StaticFiles::ContentTypeFor("a.css"), "text/css; charset=utf-8");
  EXPECT_STREQ(StaticFiles::ContentTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_STREQ(StaticFiles::ContentTypeFor("f.woff2"), "font/woff2");
  EXPECT_STREQ(StaticFiles::ContentTypeFor("noext"), "application/octet-stream");
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("smsinfo_static_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "ui" / "assets");
    Write(root_ / "ui" / "index.html", "<!doctype html><title>smsinfo</title>");
    Write(root_ / "ui" / "assets" / "app-1.js", "console.log(1)");
    Write(root_ / "secret.txt", "do not serve");
  }
  void TearDown() override { fs::remove_all(root_); }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  HttpResponse Get(const std::string& path) {
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    return StaticFiles((root_ / "ui").string()).Serve(r);
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  auto index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");
  auto js = Get("/assets/app-1.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_NE(js.Header("Cache-Control").find("max-age=31536000"), std::string::npos);
}

TEST_F(StaticFilesTest, ClientRoutesGetIndexButMissingFilesAre404) {
  auto route = Get("/zpravy/12");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("<title>smsinfo"), std::string::npos);
  EXPECT_EQ(Get("/assets/missing.js").status, 404);
}

TEST_F(StaticFilesTest, TraversalDoesNotLeakFilesOutsideTheFolder) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/../../etc/passwd"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("do not serve"), std::string::npos);
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
}

TEST_F(StaticFilesTest, MissingUiExplainsHowToBuildIt) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/";
  auto page = StaticFiles((root_ / "nothing").string()).Serve(r);
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.body.find("not built"), std::string::npos);
  EXPECT_NE(page.body.find("npm"), std::string::npos);
}

}  // namespace
}  // namespace smsinfo::web
