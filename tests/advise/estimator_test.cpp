// The estimator on recorded numbers: calibration, time and cost by hand, the recommendation's
// choices, the bench JSON round trip and the prediction check's arithmetic.
#include <gtest/gtest.h>

#include "advise/bench_results.h"
#include "advise/estimator.h"
#include "advise/estimator_check.h"
#include "util/error.h"

using namespace nsmlab;

namespace {

WorkModel xlmr() {
  WorkModel w;
  w.name = "xlmr";
  w.hidden = 768;
  w.layers = 12;
  w.heads = 12;
  w.intermediate = 3072;
  w.vocab = 250002;
  w.positions = 514;
  w.type_vocab = 1;
  return w;
}

// A bench on a machine with a 400 GFLOP/s fp32 and 800 GFLOP/s bf16 peak where nsmlab reached
// 300 (75%) and 480 (60%) on the 1000 sentences of 20 tokens.
BenchResults recorded() {
  BenchResults r;
  r.created = "2026-11-27T00:00:00Z";
  r.cpu_model = "Test CPU";
  r.threads = 2;
  r.gemm_peak_gflops = {{Precision::Fp32, 400}, {Precision::Bf16, 800}};
  r.memory_bandwidth_gb_s = 20;
  r.memory_gb = 8;
  r.experiments_cpu_s = 2;
  ModelBench m;
  m.name = "xlmr";
  m.random_weights = true;
  m.shape = xlmr();
  m.weights_file_bytes = 1.11e9;
  const LengthProfile l = LengthProfile::from_mean(20);
  const double gflop = 1000 * m.shape.flops_per_sentence(l) / 1e9;
  for (auto [p, rate] : {std::pair{Precision::Fp32, 300.0}, {Precision::Bf16, 480.0}}) {
    BackendResult b;
    b.backend = std::string("cpu-") + std::string(precision_name(p));
    b.precision = p;
    b.load_s = 1.11;
    b.peak_rss_mib = 1500;
    WorkloadResult w;
    w.workload = "sentences-1000";
    w.sentences = 1000;
    w.lengths = l;
    w.batches = 3;  // 20,000 tokens in calls of at most 8,192
    w.gflop = gflop;
    w.seconds = gflop / rate;
    b.workloads.push_back(w);
    WorkloadResult primes = w;  // 65 sentences of 5 tokens, measured 10% slower per FLOP
    primes.workload = "primes";
    primes.sentences = 65;
    primes.lengths = LengthProfile::from_mean(5);
    primes.gflop = 65 * m.shape.flops_per_sentence(primes.lengths) / 1e9;
    primes.batches = 1;
    primes.seconds = primes.gflop / (rate / 1.1);
    b.workloads.push_back(primes);
    m.backends.push_back(b);
  }
  r.models.push_back(m);
  return r;
}

Offer offer(const std::string& id, OfferKind kind, double fp32, double half, double price, double fee, double mem,
            const std::string& software) {
  Offer o;
  o.id = o.name = id;
  o.kind = kind;
  o.software = software;
  o.runs_nsmlab = software == "nsmlab";
  o.peak_gflops[Precision::Fp32] = fp32;
  if (half > 0) o.peak_gflops[Precision::Fp16] = half;
  o.memory_bandwidth_gb_s = 300;
  o.memory_gb = mem;
  o.price_per_hour_usd = price;
  o.monthly_fee_usd = fee;
  o.host_cpu_fp32_gflops = 100;
  return o;
}

}  // namespace

TEST(Estimator, CalibratesOnTheNamedWorkload) {
  const Calibration c = calibrate(recorded());
  EXPECT_NEAR(c.cpu_efficiency.at(Precision::Fp32), 0.75, 1e-9);
  EXPECT_NEAR(c.cpu_efficiency.at(Precision::Bf16), 0.60, 1e-9);
  EXPECT_NEAR(c.load_s_per_gb, 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(c.reference_fp32_gflops, 400);
  EXPECT_NE(c.source.find("Test CPU"), std::string::npos);
  // Calibrated on the primes instead: 10% lower.
  EXPECT_NEAR(calibrate(recorded(), "primes").cpu_efficiency.at(Precision::Fp32), 0.75 / 1.1, 1e-9);
  // Nothing measured: uncalibrated.
  EXPECT_TRUE(calibrate(BenchResults{}).source.empty());
}

TEST(Estimator, TimeAndCostByHand) {
  const Calibration cal = calibrate(recorded());
  RunSpec run;
  run.sentences = 1000;
  run.lengths = LengthProfile::from_mean(20);
  run.models = {xlmr()};
  run.experiments = true;
  run.runs_per_month = 10;
  const Offer gpu = offer("gpu", OfferKind::Gpu, 8000, 60000, 2.0, 10, 16, "pytorch");
  const Estimate e = estimate_offer(gpu, run, cal, Precision::Fp16);
  ASSERT_TRUE(e.usable);
  EXPECT_EQ(e.efficiency_source, "default constant");
  const double flops = 1000 * xlmr().flops_per_sentence(run.lengths);
  EXPECT_NEAR(e.compute_s, flops / (60000e9 * kDefaultAcceleratorEfficiency), 1e-9);
  const double bytes = 32 * xlmr().weight_bytes(Precision::Fp16) + 1000 * 20 * xlmr().activation_bytes_per_token(2);
  EXPECT_NEAR(e.memory_s, bytes / 300e9, 1e-12);
  EXPECT_NEAR(e.load_s, xlmr().parameters() * 4 / 1e9, 1e-9);  // 1 s/GB measured
  EXPECT_NEAR(e.experiments_s, 2.0 * 400 / 100, 1e-9);          // host CPU 4× slower than here
  EXPECT_NEAR(e.overhead_s, 32 * kAcceleratorBatchSeconds, 1e-12);  // ceil(1000 / 32) batches
  EXPECT_NEAR(e.total_s, std::max(e.compute_s, e.memory_s) + e.overhead_s + e.load_s + e.experiments_s, 1e-9);
  EXPECT_NEAR(e.cost_per_run_usd, e.total_s / 3600 * 2.0 + 1.0, 1e-9);
  EXPECT_NEAR(e.cost_per_month_usd, 10 * e.total_s / 3600 * 2.0 + 10, 1e-9);
  EXPECT_TRUE(e.fits);
  // A CPU offer takes this machine's measured efficiency.
  const Estimate c = estimate_offer(offer("cpu", OfferKind::Cpu, 100, 0, 0, 0, 12, "nsmlab"), run, cal, Precision::Fp32);
  EXPECT_EQ(c.efficiency_source, "measured here");
  EXPECT_NEAR(c.compute_s, flops / (100e9 * 0.75), 1e-9);
  // Too little memory.
  EXPECT_FALSE(estimate_offer(offer("small", OfferKind::Gpu, 8000, 0, 0, 0, 0.5, "pytorch"), run, cal, Precision::Fp32).fits);
}

TEST(Estimator, RecommendsThisMachineWhenItIsEnough) {
  const BenchResults bench = recorded();
  const Calibration cal = calibrate(bench);
  Offer me = offer("this-machine", OfferKind::Cpu, 1, 0, 0, 0, 0, "nsmlab");
  me.measured = true;
  me.peak_gflops.clear();
  OfferCatalogue cat;
  cat.offers = {fill_measured_offer(me, bench), offer("t4", OfferKind::Gpu, 8100, 65000, 0, 0, 15, "pytorch"),
                offer("a100", OfferKind::Gpu, 19500, 312000, 0, 9.99, 40, "pytorch"),
                offer("tpu", OfferKind::Tpu, 1, 180000, 0, 0, 64, "none: no backend")};
  RunSpec run;
  run.sentences = 165;
  run.lengths = LengthProfile::from_mean(12);
  run.models = {xlmr()};
  run.runs_per_month = 10;
  const auto est = estimate_offers(cat, run, cal);
  ASSERT_EQ(est.size(), 4u);
  EXPECT_EQ(est[0].precision, Precision::Bf16);  // the fastest allowed precision it has
  const Recommendation r = recommend(est, run, 10);
  ASSERT_NE(r.choice, nullptr);
  EXPECT_EQ(r.choice->offer->id, "this-machine");
  EXPECT_NE(r.headline.find("Your CPU is enough"), std::string::npos);
  EXPECT_NE(r.rejected.at("tpu").find("no software"), std::string::npos);
  EXPECT_EQ(r.rejected.at("tpu"), "no software for these models there: no backend");  // the reason, without "none:"
  EXPECT_NE(r.rejected.at("a100").find("costs more"), std::string::npos);
  // A corpus this machine takes too long for: the free GPU wins.
  run.sentences = 100000;
  const auto big = estimate_offers(cat, run, cal);
  ASSERT_LT(big[1].total_s, big[0].total_s);
  const Recommendation fast = recommend(big, run, big[1].total_s / 60 * 1.01);
  ASSERT_NE(fast.choice, nullptr);
  EXPECT_EQ(fast.choice->offer->id, "t4");
  EXPECT_NE(fast.rejected.at("this-machine").find("too slow"), std::string::npos);
  // Nothing can: no choice, and a headline that says so.
  const Recommendation none = recommend(est, run, 1e-9);
  EXPECT_EQ(none.choice, nullptr);
  EXPECT_NE(none.headline.find("No offer"), std::string::npos);
}

TEST(Estimator, ThisMachineUsesItsMeasuredRateEvenWithoutPeaks) {
  BenchResults bench = recorded();
  bench.gemm_peak_gflops.clear();  // the GEMM probe was not available
  const Calibration cal = calibrate(bench);
  EXPECT_TRUE(cal.cpu_efficiency.empty());
  EXPECT_NEAR(cal.achieved_gflops.at(Precision::Fp32), 300, 1e-9);
  Offer me = offer("this-machine", OfferKind::Cpu, 1, 0, 0, 0, 0, "nsmlab");
  me.measured = true;
  me.peak_gflops.clear();
  const Offer filled = fill_measured_offer(me, bench);
  RunSpec run;
  run.sentences = 1000;
  run.lengths = LengthProfile::from_mean(20);
  run.models = {xlmr()};
  const Estimate e = estimate_offer(filled, run, cal, Precision::Fp32);
  ASSERT_TRUE(e.usable);
  EXPECT_EQ(e.efficiency_source, "rate measured here");
  EXPECT_NEAR(e.compute_s, 1000 * xlmr().flops_per_sentence(run.lengths) / 300e9, 1e-9);
}

TEST(Estimator, UnmeasuredThisMachineSaysRunBench) {
  Offer me = offer("this-machine", OfferKind::Cpu, 1, 0, 0, 0, 0, "nsmlab");
  me.measured = true;
  me.peak_gflops.clear();
  me.memory_bandwidth_gb_s = 0;
  OfferCatalogue cat;
  cat.offers = {me};
  RunSpec run;
  run.sentences = 10;
  run.lengths = LengthProfile::from_mean(10);
  run.models = {xlmr()};
  const auto est = estimate_offers(cat, run, Calibration{});
  ASSERT_EQ(est.size(), 1u);
  EXPECT_FALSE(est[0].usable);
  EXPECT_NE(est[0].why_not.find("nsmlab bench"), std::string::npos);
}

TEST(Estimator, PredictionCheckArithmetic) {
  const auto errors = check_predictions(recorded(), "sentences-1000");
  ASSERT_EQ(errors.size(), 2u);  // the primes, on fp32 and bf16
  for (const auto& e : errors) {
    EXPECT_EQ(e.workload, "primes");
    EXPECT_NEAR(e.relative_error(), 1 / 1.1 - 1, 1e-9);  // predicted 9% too fast
  }
}

// With bench's batch-overhead workload, calibration finds both constants of
// seconds = calls x overhead + GFLOP / rate, and predicts a workload made that way exactly.
TEST(Estimator, CalibratesThePerCallOverheadWithTheBatchOverheadWorkload) {
  BenchResults r = recorded();
  const double overhead = 0.02;
  for (BackendResult& b : r.models[0].backends) {
    const double rate = b.find("sentences-1000")->gflop_per_s();
    for (WorkloadResult& w : b.workloads) w.seconds = double(w.batches) * overhead + w.gflop / rate;
    WorkloadResult o = *b.find("primes");
    o.workload = kBatchOverheadWorkload;
    o.sentences = 6;
    o.batches = 3;
    o.gflop = 6 * r.models[0].shape.flops_per_sentence(LengthProfile::from_mean(24)) / 1e9;
    o.seconds = 3 * overhead + o.gflop / rate;
    b.workloads.push_back(o);
  }
  const Calibration c = calibrate(r, "sentences-1000");
  EXPECT_NEAR(c.batch_overhead_s.at(Precision::Fp32), overhead, 1e-9);
  EXPECT_NEAR(c.achieved_gflops.at(Precision::Fp32), 300, 1e-6);
  const auto errors = check_predictions(r, "sentences-1000");
  ASSERT_EQ(errors.size(), 2u);  // the primes; the batch overhead is not a workload to predict
  for (const auto& e : errors) EXPECT_NEAR(e.relative_error(), 0, 1e-9) << e.workload;
  // Noise that would make the overhead negative falls back to the plain rate.
  for (BackendResult& b : r.models[0].backends) {
    WorkloadResult* o = const_cast<WorkloadResult*>(b.find(kBatchOverheadWorkload));
    o->seconds = 1e-6;
  }
  const Calibration plain = calibrate(r, "sentences-1000");
  EXPECT_EQ(plain.batch_overhead_s.at(Precision::Fp32), 0);
  EXPECT_NEAR(plain.achieved_gflops.at(Precision::Fp32), r.models[0].backends[0].find("sentences-1000")->gflop_per_s(), 1e-9);
}

TEST(BenchResults, JsonRoundTripAndValidation) {
  const BenchResults r = recorded();
  const Json j = bench_results_to_json(r);
  EXPECT_EQ(j["models"][0]["weights"], "random weights (exact shapes of the config)");
  EXPECT_NEAR(j["models"][0]["backends"][0]["workloads"][0]["fraction_of_peak"].get<double>(), 0.75, 1e-9);
  const BenchResults back = bench_results_from_json(j, "cache.json");
  EXPECT_EQ(back.cpu_model, "Test CPU");
  ASSERT_EQ(back.models.size(), 1u);
  EXPECT_EQ(back.models[0].shape.intermediate, 3072u);
  EXPECT_NEAR(calibrate(back).cpu_efficiency.at(Precision::Fp32), 0.75, 1e-9);
  Json bad = j;
  bad["models"][0]["backends"][0]["workloads"][0]["seconds"] = -1;
  try {
    bench_results_from_json(bad, "cache.json");
    FAIL() << "negative seconds accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cache.json (models[0]) backends[0] workloads[0]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("seconds"), std::string::npos);
  }
  bad = j;
  bad["format"] = "x";
  EXPECT_THROW(bench_results_from_json(bad, "cache.json"), Error);
  // Calls: more than the sentences is refused; a file from before they were counted gets the
  // packing rule's count (20,000 tokens -> 3 calls of at most 8,192).
  EXPECT_EQ(back.models[0].backends[0].workloads[0].batches, 3u);
  bad = j;
  bad["models"][0]["backends"][0]["workloads"][0]["batches"] = 1001;
  EXPECT_THROW(bench_results_from_json(bad, "cache.json"), Error);
  bad = j;
  bad["models"][0]["backends"][0]["workloads"][0].erase("batches");
  EXPECT_EQ(bench_results_from_json(bad, "cache.json").models[0].backends[0].workloads[0].batches, 3u);
}

TEST(BenchResults, CachePathFollowsTheCacheVariables) {
  setenv("NSMLAB_CACHE", "/tmp/nsmlab-test-cache", 1);
  EXPECT_EQ(bench_cache_path("AMD EPYC 9R45 (x)"), "/tmp/nsmlab-test-cache/bench/AMD_EPYC_9R45__x_.json");
  unsetenv("NSMLAB_CACHE");
}
