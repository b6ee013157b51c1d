// data/offers.json embedded in the binary (the mechanism of experiments/builtin_dataset.cpp),
// so `nsmlab advise` runs from any folder. CMakeLists.txt rebuilds this file when the JSON changes.
#include "advise/offer_catalogue.h"

asm(".section .rodata\n"
    ".balign 16\n"
    ".global nsmlab_builtin_offers_begin\n"
    ".hidden nsmlab_builtin_offers_begin\n"
    "nsmlab_builtin_offers_begin:\n"
    ".incbin \"" NSMLAB_SOURCE_DIR "/data/offers.json\"\n"
    ".global nsmlab_builtin_offers_end\n"
    ".hidden nsmlab_builtin_offers_end\n"
    "nsmlab_builtin_offers_end:\n"
    ".previous\n");

extern "C" const char nsmlab_builtin_offers_begin[];
extern "C" const char nsmlab_builtin_offers_end[];

namespace nsmlab {

std::string_view builtin_catalogue_text() {
  return {nsmlab_builtin_offers_begin, static_cast<size_t>(nsmlab_builtin_offers_end - nsmlab_builtin_offers_begin)};
}

OfferCatalogue builtin_catalogue() { return parse_catalogue(builtin_catalogue_text(), "builtin offers (data/offers.json)"); }

}  // namespace nsmlab
