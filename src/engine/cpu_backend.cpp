#include "engine/cpu_backend.h"

#include <omp.h>

#include "backend/cpu_precision_support.h"
#include "cpu/cpu_features.h"
#include "cpu/cpu_report.h"
#include "nn/sentence_model.h"
#include "util/scoped_threads.h"

namespace nsmlab {


CpuBackend::CpuBackend(const std::string& model_dir, Precision precision, int threads)
    : threads_(threads > 0 ? threads : omp_get_max_threads()) {
  {
    ScopedThreads scope(threads_);  // packing weights runs on OpenMP too
    model_ = SentenceModel::load(model_dir, precision);
  }
  const PrecisionSupport s = cpu_precision_support(precision);
  description_.device = DeviceKind::Cpu;
  description_.device_name = cpu::model_name();
  description_.precision = precision;
  description_.instruction_set = cpu::onednn_isa() + (s.how.empty() ? "" : " (" + s.how + ")");
  description_.threads = threads_;
  description_.libraries = {{"oneDNN", cpu::onednn_version()}};
  if (!s.native && !s.why_not.empty()) description_.notes.push_back(s.why_not);
}

CpuBackend::~CpuBackend() = default;

Matrix CpuBackend::embed(const PackedBatch& batch) {
  ScopedThreads scope(threads_);
  return model_->embed(batch);
}

Matrix CpuBackend::token_states(const PackedBatch& batch) {
  ScopedThreads scope(threads_);
  return model_->token_states(batch);
}

size_t CpuBackend::dimension() const { return model_->dimension(); }
size_t CpuBackend::parameter_count() const { return model_->parameter_count(); }

}  // namespace nsmlab
