# Every third-party library is a Debian package; see docs/design.md and scripts/install-deps.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

find_package(fmt REQUIRED)        # before restinio: its config uses fmt::fmt
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(SQLiteCpp REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

find_library(PHONENUMBER_LIB phonenumber REQUIRED)
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
add_library(smsinfo_phonenumber INTERFACE)
target_include_directories(smsinfo_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(smsinfo_phonenumber INTERFACE ${PHONENUMBER_LIB})

find_package(restinio REQUIRED)
# restinio forces ASIO_DISABLE_STD_STRING_VIEW on its consumers, which changes asio's API;
# strip it so that every target sees the same asio.
get_target_property(_restinio_defs restinio::restinio INTERFACE_COMPILE_DEFINITIONS)
list(REMOVE_ITEM _restinio_defs ASIO_DISABLE_STD_STRING_VIEW)
set_target_properties(restinio::restinio PROPERTIES INTERFACE_COMPILE_DEFINITIONS "${_restinio_defs}")

add_library(smsinfo_asio INTERFACE)
target_compile_definitions(smsinfo_asio INTERFACE ASIO_STANDALONE)
target_link_libraries(smsinfo_asio INTERFACE Threads::Threads)

if(SMSINFO_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SMSINFO_BENCH)
  find_package(benchmark REQUIRED)
endif()
