#include <gtest/gtest.h>

#include <algorithm>

#include "lexical/feature_hashing.h"
#include "lexical/lexical_features.h"
#include "lexical/text_normalizer.h"
#include "util/error.h"

namespace nsmlab {
namespace {

TEST(LexicalNormalizer, FoldsCaseCompatibilityFormsAndAccents) {
  EXPECT_EQ(normalize_lexical_text("Vérité ÉCOLE", true), "verite ecole");
  EXPECT_EQ(normalize_lexical_text("Vérité ÉCOLE", false), "vérité école");
  EXPECT_EQ(normalize_lexical_text("ﬁn Straße", true), "fin strasse");  // NFKC ligature, full case fold
  // Decomposed input (e + combining acute) folds to the same as the precomposed one.
  EXPECT_EQ(normalize_lexical_text("e\xCC\x81t\xC3\xA9", false), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(normalize_lexical_text("", true), "");
}

TEST(LexicalNormalizer, RejectsInvalidUtf8) {
  EXPECT_THROW(normalize_lexical_text("abc\xFF", true), Error);
}

TEST(LexicalNormalizer, SplitsWordsOnPunctuationAndApostrophes) {
  const auto words = split_lexical_words("l'école, c'est 2 fois-là !");
  const std::vector<std::string> expected{"l", "école", "c", "est", "2", "fois", "là"};
  EXPECT_EQ(words, expected);
}

TEST(LexicalFeatures, CharNgramsOfPaddedWordsPlusWholeWords) {
  const auto f = lexical_features("Le", LexicalFeatureOptions{});
  std::vector<std::pair<FeatureKind, std::string>> expected{
      {FeatureKind::kWord, "le"},       {FeatureKind::kCharNgram, " l"}, {FeatureKind::kCharNgram, "le"},
      {FeatureKind::kCharNgram, "e "},  {FeatureKind::kCharNgram, " le"}, {FeatureKind::kCharNgram, "le "},
      {FeatureKind::kCharNgram, " le "}};
  EXPECT_EQ(f, expected);
}

TEST(LexicalFeatures, NgramsCountCodePointsNotBytes) {
  LexicalFeatureOptions o;
  o.strip_accents = false;
  o.whole_words = false;
  o.ngram_min = o.ngram_max = 2;
  const auto f = lexical_features("été", o);  // " été " has 5 code points -> 4 bigrams
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[1].second, "ét");
  EXPECT_EQ(f[3].second, "é ");
}

TEST(LexicalFeatures, NeverCrossWords) {
  LexicalFeatureOptions o;
  o.whole_words = false;
  for (const auto& [kind, s] : lexical_features("ab cd", o)) {
    // A space may only be the leading or trailing boundary marker.
    const size_t inner = s.find(' ', 1);
    EXPECT_TRUE(inner == std::string::npos || inner == s.size() - 1) << s;
  }
}

TEST(LexicalFeatures, RejectsBadNgramRange) {
  LexicalFeatureOptions o;
  o.ngram_min = 3;
  o.ngram_max = 2;
  EXPECT_THROW(lexical_features("abc", o), Error);
}

TEST(FeatureHashing, Fnv1a64KnownValues) {
  // Published FNV-1a 64 test vectors.
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
}

TEST(FeatureHashing, KindSeparatesOtherwiseEqualStrings) {
  EXPECT_NE(feature_hash(FeatureKind::kWord, "le"), feature_hash(FeatureKind::kCharNgram, "le"));
  EXPECT_EQ(feature_hash(FeatureKind::kWord, "le"), fmix64(fnv1a64("wle")));
}

TEST(FeatureHashing, BucketsInRangeAndSignsBalanced) {
  int negative = 0;
  std::vector<int> used(1 << 10, 0);
  for (int i = 0; i < 4000; ++i) {
    const HashedFeature f = bucket_of(feature_hash(FeatureKind::kWord, std::to_string(i)), 10);
    ASSERT_LT(f.bucket, 1u << 10);
    ASSERT_TRUE(f.sign == 1 || f.sign == -1);
    negative += f.sign < 0;
    used[f.bucket] = 1;
  }
  EXPECT_GT(negative, 1700);
  EXPECT_LT(negative, 2300);
  // 4000 keys into 1024 buckets leave ~2% empty if the hash spreads them well.
  EXPECT_GT(std::count(used.begin(), used.end(), 1), 950);
}

}  // namespace
}  // namespace nsmlab
