#include "storage/sqlite/text_fold.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace smsinfo::storage::sqlite {
namespace {

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; NFC; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return transliterator.get();
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    if (icu::Transliterator* t = ThreadTransliterator()) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
      t->transliterate(u);
      std::string out;
      u.toUTF8String(out);
      return out;
    }
  }
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string EscapeLike(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace smsinfo::storage::sqlite
