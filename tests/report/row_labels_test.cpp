#include "report/row_labels.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace nsmlab {
namespace {

TEST(RowLabels, PrimesAndCorpusAsTsvOneLinePerRow) {
  const Prime i{"I", "SUBSTANTIVES", {}, {}}, you{"YOU", "SUBSTANTIVES", {}, {}};
  const Json primes = prime_rows({&i, &you}, {"je", "tu"});
  EXPECT_EQ(rows_tsv(primes), "row\tid\tcategory\ttext\n0\tI\tSUBSTANTIVES\tje\n1\tYOU\tSUBSTANTIVES\ttu\n");
  const Json corpus = corpus_rows({{"a\tb\nc\\d", "SELF"}}, "fr");
  EXPECT_EQ(corpus[0]["id"], "fr-0");
  EXPECT_EQ(rows_tsv(corpus), "row\tid\tisotopy\ttext\n0\tfr-0\tSELF\ta\\tb\\nc\\\\d\n");
  EXPECT_EQ(rows_tsv(Json::array()), "");
  EXPECT_THROW(prime_rows({&i}, {}), Error);
}

}  // namespace
}  // namespace nsmlab
