// Runs nsmlab's scikit-learn KMeans mode on a .npy file and prints labels, inertia and
// iterations as JSON, for kmeans_labels.py to compare with scikit-learn itself.
//   nsmlab_kmeans_probe DATA.npy K VERSION [N_INIT [SEED]]
#include <cstdio>
#include <string>

#include "analysis/kmeans_sklearn.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/npy.h"

int main(int argc, char** argv) try {
  using namespace nsmlab;
  if (argc < 4) fail("usage: nsmlab_kmeans_probe DATA.npy K VERSION [N_INIT [SEED]]");
  const NpyArray a = read_npy(argv[1]);
  if (a.shape.size() != 2) fail("{}: expected a 2-D array", argv[1]);
  Eigen::MatrixXd X(Eigen::Index(a.shape[0]), Eigen::Index(a.shape[1]));
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = a.values[size_t(i * X.cols() + j)];
  SklearnKMeansOptions opt;
  opt.k = std::stoi(argv[2]);
  const auto version = parse_sklearn_kmeans_version(argv[3]);
  if (!version) fail("unknown version {}", argv[3]);
  opt.version = *version;
  if (argc > 4) opt.n_init = std::stoi(argv[4]);
  if (argc > 5) opt.seed = uint32_t(std::stoul(argv[5]));
  const KMeansResult r = kmeans_sklearn(X, opt);
  const Json out = {{"labels", r.labels}, {"inertia", r.inertia}, {"iterations", r.iterations}};
  std::puts(out.dump().c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "%s\n", e.what());
  return 1;
}
