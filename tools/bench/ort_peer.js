#!/usr/bin/env node
// The ONNX Runtime peer of `nsmlab embed` (onnxruntime-node, CPU execution provider): runs the
// model tools/bench/torch_peer.py --export-onnx wrote, on the SAME token ids (nsmlab tokenize)
// in the SAME batches (torch_peer.py --batches-out), and prints one JSON line with the timing.
// Graph optimisation "all" (LayerNorm, GELU, MatMul+Add fusions); the transformer-specific
// fusions of ORT's Python optimizer are not reachable from Node.
//
// Run: node tools/bench/ort_peer.js ORT_DIR MODEL.onnx IDS.jsonl BATCHES.json THREADS REPEAT [OUT.npy]
//   ORT_DIR: the folder holding node_modules/onnxruntime-node (tools/bench/install-ort.sh)
'use strict';
const fs = require('fs');
const path = require('path');

function writeNpy(file, data, rows, cols) {  // float32, C order
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1; head[7] = 0; head.writeUInt16LE(header.length, 8);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(header, 'latin1'),
    Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

async function main() {
  const [ortDir, model, idsFile, batchesFile, threadsArg, repeatArg, out] = process.argv.slice(2);
  if (!repeatArg) throw new Error('usage: ort_peer.js ORT_DIR MODEL.onnx IDS.jsonl BATCHES.json THREADS REPEAT [OUT.npy]');
  const ort = require(path.resolve(ortDir, 'node_modules', 'onnxruntime-node'));
  const seqs = fs.readFileSync(idsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).ids);
  const plan = JSON.parse(fs.readFileSync(batchesFile, 'utf8'));
  const threads = Number(threadsArg);
  const t0 = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'], graphOptimizationLevel: 'all', executionMode: 'sequential',
    intraOpNumThreads: threads, interOpNumThreads: 1,
    // Like OMP_WAIT_POLICY=PASSIVE for nsmlab and torch: idle pool threads sleep instead of spinning.
    extra: { session: { intra_op: { allow_spinning: process.env.OMP_WAIT_POLICY === 'ACTIVE' ? '1' : '0' } } },
  });
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  const feeds = plan.batches.map((rows) => {
    const S = Math.max(...rows.map((r) => seqs[r].length));
    const ids = new BigInt64Array(rows.length * S).fill(BigInt(plan.pad));
    const mask = new BigInt64Array(rows.length * S);
    rows.forEach((r, i) => seqs[r].forEach((id, j) => { ids[i * S + j] = BigInt(id); mask[i * S + j] = 1n; }));
    return { rows, feed: { input_ids: new ort.Tensor('int64', ids, [rows.length, S]),
                           attention_mask: new ort.Tensor('int64', mask, [rows.length, S]) } };
  });
  await session.run(feeds[feeds.length - 1].feed);  // warm-up, untimed: the peer at its best
  let best = Infinity, result = null, dim = 0;
  for (let rep = 0; rep < Math.max(Number(repeatArg), 1); rep++) {
    const t = process.hrtime.bigint();
    const outs = [];
    for (const b of feeds) outs.push([b.rows, (await session.run(b.feed)).embeddings]);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    result = outs;
  }
  dim = result[0][1].dims[1];
  if (out) {
    const all = new Float32Array(seqs.length * dim);
    for (const [rows, e] of result) rows.forEach((r, i) => all.set(e.data.subarray(i * dim, (i + 1) * dim), r * dim));
    writeNpy(out, all, seqs.length, dim);
  }
  const real = seqs.reduce((a, s) => a + s.length, 0);
  const version = JSON.parse(fs.readFileSync(path.resolve(ortDir, 'node_modules', 'onnxruntime-node', 'package.json'))).version;
  console.log(JSON.stringify({
    peer: `onnxruntime-node ${version} cpu fp32`, threads, texts: seqs.length, batches: feeds.length,
    real_tokens: real, load_s: +loadS.toFixed(3), encode_s: +best.toFixed(3),
    texts_per_s: +(seqs.length / best).toFixed(2), tokens_per_s: +(real / best).toFixed(1),
  }));
}

main().catch((e) => { console.error(`ort_peer: ${e.message}`); process.exit(1); });
