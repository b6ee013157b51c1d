// The encoder network, written once: which op follows which in a BERT / RoBERTa / MPNet
// layer (post-LayerNorm). A backend supplies `Ops` on its own buffers (CPU memory in any
// precision, GPU memory); the order and the residual wiring live only here.
#pragma once
#include <cstddef>

namespace nsmlab {

template <class Ops>
void run_encoder_graph(Ops& ops, size_t layers) {
  ops.embeddings();            // x = LayerNorm(word + position (+ type) embeddings)
  for (size_t l = 0; l < layers; ++l) {
    ops.qkv(l);                // qkv = x [Wq; Wk; Wv]^T + b          (one fused product)
    ops.attention(l);          // ctx = softmax(q k^T / sqrt(d) + rel. bias) v, per sequence and head
    ops.attention_output(l);   // x += ctx Wo^T + bo                   (residual fused)
    ops.attention_norm(l);     // x = LayerNorm(x)
    ops.intermediate(l);       // h = act(x Wi^T + bi)                 (activation fused)
    ops.output(l);             // x += h Wout^T + bout
    ops.output_norm(l);        // x = LayerNorm(x)
  }
}

}  // namespace nsmlab
