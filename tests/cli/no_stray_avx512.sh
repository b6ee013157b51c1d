#!/usr/bin/env bash
# The default (portable, x86-64-v3) binary holds AVX-512 instructions only in the AVX-512
# variant of the row kernels (namespace kernels_avx512), so it runs on a CPU without AVX-512.
# oneDNN is a shared library: it picks its own code at run time and is not counted.
source "$(dirname "$0")/lib.bash" "$@"
if grep -q '^NSMLAB_NATIVE:BOOL=ON' "$(dirname "$NSMLAB")/CMakeCache.txt" 2>/dev/null; then
  echo "NSMLAB_NATIVE=ON: a -march=native build is not meant to be portable; nothing to check"
  exit 0
fi
objdump -d --no-show-raw-insn -C "$NSMLAB" > "$TMP/dis"
# zmm registers, opmask registers, the upper 16 xmm/ymm registers, EVEX broadcasts, and the
# AVX-512-only mnemonics that also work on xmm/ymm.
awk '
  /^[0-9a-f]+ <.*>:$/ { fn = $0; next }
  /%zmm|%k[0-7]|%[xy]mm(1[6-9]|2[0-9]|3[01])|\{1to|vpternlog|vmovdq[au](8|16|32|64)|vperm[it]2|vpcmp[a-z]*%k|vfixupimm|vrndscale|vscalef|vrcp14|vrsqrt14|vpmovm2|vpmov[dq][bw]|vpmovqd/ {
    if (fn ~ /kernels_avx512/) inside++; else { outside++; if (shown++ < 20) print fn ": " $0 }
  }
  END { printf "avx512 instructions: %d in kernels_avx512, %d elsewhere\n", inside, outside
        exit (outside > 0 ? 1 : (inside == 0 ? 2 : 0)) }' "$TMP/dis" || {
  rc=$?
  [[ $rc == 2 ]] && fail "no AVX-512 instruction in the kernels_avx512 variant: is it compiled with -march=x86-64-v4?"
  fail "AVX-512 instructions outside the kernels_avx512 variant (above)"
}
exit 0
