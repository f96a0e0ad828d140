// @ts-nocheck: AssemblyScript source (usize, v128, load<T>), compiled by workers/float64/build.mjs, not by tsc.
// The kernels of the fused Taylor-mode jet engine (../jetNetwork.ts), once per precision: every
// export ending in F32 works on f32 with f32x4 lanes, every one ending in F64 on f64 with f64x2.
// Pointers are byte offsets of row-major matrices in this module's memory; the JavaScript side
// owns the layout (no allocator here). Rows of a layer's matrix are (channel, point) pairs.

// One element loaded into every lane (a single broadcast load).
@inline function loadSplat<T>(ptr: usize): v128 {
  if (sizeof<T>() == 4) return v128.load32_splat(ptr);
  return v128.load64_splat(ptr);
}

// ---- matrix products ---------------------------------------------------------------------------

// out[r, :] (= or +=) Σ_i a[r, i] · w[i, :]   (a: rows × inner, w: inner × cols)
// Register tile: 4 rows × 2 vectors of columns; scalar arithmetic for the columns left over.
@inline function mm<T>(a: usize, rows: i32, inner: i32, w: usize, cols: i32, out: usize, accumulate: bool): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const tile = 2 * L;
  const colsT = cols - (cols % tile);
  const rowA = <usize>inner * S;
  const rowO = <usize>cols * S;
  const zero = v128.splat<T>(<T>0);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = a + <usize>r * rowA;
    const o0 = out + <usize>r * rowO;
    for (let j = 0; j < colsT; j += tile) {
      const oj = o0 + <usize>j * S;
      let c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
      if (accumulate) {
        c00 = v128.load(oj); c01 = v128.load(oj, 16);
        c10 = v128.load(oj + rowO); c11 = v128.load(oj + rowO, 16);
        c20 = v128.load(oj + 2 * rowO); c21 = v128.load(oj + 2 * rowO, 16);
        c30 = v128.load(oj + 3 * rowO); c31 = v128.load(oj + 3 * rowO, 16);
      }
      let wp = w + <usize>j * S;
      let ap = a0;
      for (let i = 0; i < inner; i++) {
        const w0 = v128.load(wp), w1 = v128.load(wp, 16);
        const s0 = loadSplat<T>(ap);
        const s1 = loadSplat<T>(ap + rowA);
        const s2 = loadSplat<T>(ap + 2 * rowA);
        const s3 = loadSplat<T>(ap + 3 * rowA);
        c00 = v128.add<T>(c00, v128.mul<T>(s0, w0)); c01 = v128.add<T>(c01, v128.mul<T>(s0, w1));
        c10 = v128.add<T>(c10, v128.mul<T>(s1, w0)); c11 = v128.add<T>(c11, v128.mul<T>(s1, w1));
        c20 = v128.add<T>(c20, v128.mul<T>(s2, w0)); c21 = v128.add<T>(c21, v128.mul<T>(s2, w1));
        c30 = v128.add<T>(c30, v128.mul<T>(s3, w0)); c31 = v128.add<T>(c31, v128.mul<T>(s3, w1));
        wp += rowO;
        ap += S;
      }
      v128.store(oj, c00); v128.store(oj, c01, 16);
      v128.store(oj + rowO, c10); v128.store(oj + rowO, c11, 16);
      v128.store(oj + 2 * rowO, c20); v128.store(oj + 2 * rowO, c21, 16);
      v128.store(oj + 3 * rowO, c30); v128.store(oj + 3 * rowO, c31, 16);
    }
    if (colsT < cols) for (let k = 0; k < 4; k++) mmRowScalar<T>(a0 + <usize>k * rowA, inner, w, cols, colsT, o0 + <usize>k * rowO, accumulate);
  }
  for (; r < rows; r++) mmRowScalar<T>(a + <usize>r * rowA, inner, w, cols, 0, out + <usize>r * rowO, accumulate);
}

@inline function mmRowScalar<T>(ar: usize, inner: i32, w: usize, cols: i32, from: i32, or: usize, accumulate: bool): void {
  const S = <usize>sizeof<T>();
  for (let j = from; j < cols; j++) {
    let s: T = accumulate ? load<T>(or + <usize>j * S) : <T>0;
    for (let i = 0; i < inner; i++) s += load<T>(ar + <usize>i * S) * load<T>(w + (<usize>i * <usize>cols + <usize>j) * S);
    store<T>(or + <usize>j * S, s);
  }
}

// out[r, j] += Σ_i a[r, i] · wT[j, i]   (a · w with w given transposed, cols small: the output layer).
@inline function mmNarrow<T>(a: usize, rows: i32, inner: i32, wT: usize, cols: i32, out: usize): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const innerV = inner - (inner % L);
  const rowA = <usize>inner * S;
  for (let r = 0; r < rows; r++) {
    const ar = a + <usize>r * rowA;
    for (let j = 0; j < cols; j++) {
      const wr = wT + <usize>j * rowA;
      let acc = v128.splat<T>(<T>0);
      for (let i = 0; i < innerV; i += L) acc = v128.add<T>(acc, v128.mul<T>(v128.load(ar + <usize>i * S), v128.load(wr + <usize>i * S)));
      let s = horizontalSum<T>(acc);
      for (let i = innerV; i < inner; i++) s += load<T>(ar + <usize>i * S) * load<T>(wr + <usize>i * S);
      const o = out + (<usize>r * <usize>cols + <usize>j) * S;
      store<T>(o, load<T>(o) + s);
    }
  }
}

@inline function horizontalSum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    return <T>(v128.extract_lane<f32>(v, 0) + v128.extract_lane<f32>(v, 1) + v128.extract_lane<f32>(v, 2) + v128.extract_lane<f32>(v, 3));
  }
  return <T>(v128.extract_lane<f64>(v, 0) + v128.extract_lane<f64>(v, 1));
}

// out[i, j] += Σ_r a[r, i] · g[r, j]   (aᵀ · g: a weight gradient; a: rows × inner, g: rows × cols)
// Register tile: 4 rows of out × 2 vectors of columns.
@inline function atb<T>(a: usize, rows: i32, inner: i32, g: usize, cols: i32, out: usize): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const tile = 2 * L;
  const colsT = cols - (cols % tile);
  const rowA = <usize>inner * S;
  const rowG = <usize>cols * S;
  let i = 0;
  for (; i + 4 <= inner; i += 4) {
    const oi = out + <usize>i * rowG;
    for (let j = 0; j < colsT; j += tile) {
      const oj = oi + <usize>j * S;
      let c00 = v128.load(oj), c01 = v128.load(oj, 16);
      let c10 = v128.load(oj + rowG), c11 = v128.load(oj + rowG, 16);
      let c20 = v128.load(oj + 2 * rowG), c21 = v128.load(oj + 2 * rowG, 16);
      let c30 = v128.load(oj + 3 * rowG), c31 = v128.load(oj + 3 * rowG, 16);
      let ap = a + <usize>i * S;
      let gp = g + <usize>j * S;
      for (let r = 0; r < rows; r++) {
        const g0 = v128.load(gp), g1 = v128.load(gp, 16);
        const s0 = loadSplat<T>(ap);
        const s1 = loadSplat<T>(ap + S);
        const s2 = loadSplat<T>(ap + 2 * S);
        const s3 = loadSplat<T>(ap + 3 * S);
        c00 = v128.add<T>(c00, v128.mul<T>(s0, g0)); c01 = v128.add<T>(c01, v128.mul<T>(s0, g1));
        c10 = v128.add<T>(c10, v128.mul<T>(s1, g0)); c11 = v128.add<T>(c11, v128.mul<T>(s1, g1));
        c20 = v128.add<T>(c20, v128.mul<T>(s2, g0)); c21 = v128.add<T>(c21, v128.mul<T>(s2, g1));
        c30 = v128.add<T>(c30, v128.mul<T>(s3, g0)); c31 = v128.add<T>(c31, v128.mul<T>(s3, g1));
        ap += rowA;
        gp += rowG;
      }
      v128.store(oj, c00); v128.store(oj, c01, 16);
      v128.store(oj + rowG, c10); v128.store(oj + rowG, c11, 16);
      v128.store(oj + 2 * rowG, c20); v128.store(oj + 2 * rowG, c21, 16);
      v128.store(oj + 3 * rowG, c30); v128.store(oj + 3 * rowG, c31, 16);
    }
  }
  for (; i < inner; i++) {
    const oi = out + <usize>i * rowG;
    for (let j = 0; j < colsT; j += tile) {
      const oj = oi + <usize>j * S;
      let c0 = v128.load(oj), c1 = v128.load(oj, 16);
      let ap = a + <usize>i * S;
      let gp = g + <usize>j * S;
      for (let r = 0; r < rows; r++) {
        const s = loadSplat<T>(ap);
        c0 = v128.add<T>(c0, v128.mul<T>(s, v128.load(gp)));
        c1 = v128.add<T>(c1, v128.mul<T>(s, v128.load(gp, 16)));
        ap += rowA;
        gp += rowG;
      }
      v128.store(oj, c0); v128.store(oj, c1, 16);
    }
  }
  if (colsT < cols) {
    for (let ii = 0; ii < inner; ii++) {
      for (let j = colsT; j < cols; j++) {
        const o = out + (<usize>ii * <usize>cols + <usize>j) * S;
        let s = load<T>(o);
        for (let r = 0; r < rows; r++) s += load<T>(a + <usize>r * rowA + <usize>ii * S) * load<T>(g + <usize>r * rowG + <usize>j * S);
        store<T>(o, s);
      }
    }
  }
}

// outT[j, i] += Σ_r g[r, j] · a[r, i]   (the weight gradient of a narrow layer, transposed: cols small)
@inline function atbNarrow<T>(a: usize, rows: i32, inner: i32, g: usize, cols: i32, outT: usize): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const innerV = inner - (inner % L);
  const rowA = <usize>inner * S;
  for (let r = 0; r < rows; r++) {
    const ar = a + <usize>r * rowA;
    for (let j = 0; j < cols; j++) {
      const gv = load<T>(g + (<usize>r * <usize>cols + <usize>j) * S);
      if (gv == <T>0) continue;
      const s = v128.splat<T>(gv);
      const orow = outT + <usize>j * rowA;
      for (let i = 0; i < innerV; i += L) {
        const o = orow + <usize>i * S;
        v128.store(o, v128.add<T>(v128.load(o), v128.mul<T>(s, v128.load(ar + <usize>i * S))));
      }
      for (let i = innerV; i < inner; i++) store<T>(orow + <usize>i * S, load<T>(orow + <usize>i * S) + gv * load<T>(ar + <usize>i * S));
    }
  }
}

// out[j] += Σ_r g[r, j]   (a bias gradient)
@inline function columnSum<T>(g: usize, rows: i32, cols: i32, out: usize): void {
  const S = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) {
    const gr = g + <usize>r * <usize>cols * S;
    for (let j = 0; j < cols; j++) store<T>(out + <usize>j * S, load<T>(out + <usize>j * S) + load<T>(gr + <usize>j * S));
  }
}

// dots[r] = Σ_j x[r, j] · y[r, j]   (x, y: rows × cols; the factored Jacobian's J v, cpinn/)
@inline function rowDot<T>(x: usize, y: usize, rows: i32, cols: i32, dots: usize): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const colsV = cols - (cols % L);
  const row = <usize>cols * S;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * row;
    const yr = y + <usize>r * row;
    let acc = v128.splat<T>(<T>0);
    for (let j = 0; j < colsV; j += L) acc = v128.add<T>(acc, v128.mul<T>(v128.load(xr + <usize>j * S), v128.load(yr + <usize>j * S)));
    let s = laneSum<T>(acc);
    for (let j = colsV; j < cols; j++) s += load<T>(xr + <usize>j * S) * load<T>(yr + <usize>j * S);
    store<T>(dots + <usize>r * S, s);
  }
}

@inline function laneSum<T>(v: v128): T {
  if (sizeof<T>() == 4) return <T>(f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
  return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
}

// out[r, :] = s[r] · x[r, :]   (x: rows × cols; the factored Jacobian's Jᵀ w, cpinn/)
@inline function scaleRows<T>(x: usize, rows: i32, cols: i32, s: usize, out: usize): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const colsV = cols - (cols % L);
  const row = <usize>cols * S;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * row;
    const or = out + <usize>r * row;
    const sr = load<T>(s + <usize>r * S);
    const sv = v128.splat<T>(sr);
    for (let j = 0; j < colsV; j += L) v128.store(or + <usize>j * S, v128.mul<T>(sv, v128.load(xr + <usize>j * S)));
    for (let j = colsV; j < cols; j++) store<T>(or + <usize>j * S, sr * load<T>(xr + <usize>j * S));
  }
}

// out[r, :] = bias for r < biasRows, 0 for biasRows ≤ r < rows
@inline function fillBias<T>(out: usize, rows: i32, biasRows: i32, cols: i32, bias: usize): void {
  const S = <usize>sizeof<T>();
  const rowO = <usize>cols * S;
  for (let r = 0; r < biasRows; r++) memory.copy(out + <usize>r * rowO, bias, rowO);
  memory.fill(out + <usize>biasRows * rowO, 0, <usize>(rows - biasRows) * rowO);
}

@inline function transpose<T>(src: usize, rows: i32, cols: i32, dst: usize): void {
  const S = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) store<T>(dst + (<usize>c * <usize>rows + <usize>r) * S, load<T>(src + (<usize>r * <usize>cols + <usize>c) * S));
}

// dst[j, i] += src[i, j]   (src: rows × cols)
@inline function addTransposed<T>(src: usize, rows: i32, cols: i32, dst: usize): void {
  const S = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const d = dst + (<usize>c * <usize>rows + <usize>r) * S;
    store<T>(d, load<T>(d) + load<T>(src + (<usize>r * <usize>cols + <usize>c) * S));
  }
}

// ---- Taylor rules of the activation --------------------------------------------------------------
// A layer's block: `block` = points × width entries per channel; channels in order value, k first
// derivatives, then the pairs; pairs holds 2 i32 per pair (the first-derivative slots i, j).

// a = σ (already in a's value channel), a_c = σ' z_c, a_q = σ'' z_i z_j + σ' z_q
@inline function activateForward<T>(z: usize, a: usize, s1: usize, s2: usize, block: i32, k: i32, pairs: usize, npairs: i32): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const bytes = <usize>block * S;
  const blockV = block - (block % L);
  for (let c = 1; c <= k; c++) {
    const zc = z + <usize>c * bytes;
    const ac = a + <usize>c * bytes;
    let e = 0;
    for (; e < blockV; e += L) {
      const o = <usize>e * S;
      v128.store(ac + o, v128.mul<T>(v128.load(s1 + o), v128.load(zc + o)));
    }
    for (; e < block; e++) {
      const o = <usize>e * S;
      store<T>(ac + o, load<T>(s1 + o) * load<T>(zc + o));
    }
  }
  for (let q = 0; q < npairs; q++) {
    const si = load<i32>(pairs + <usize>(8 * q));
    const sj = load<i32>(pairs + <usize>(8 * q + 4));
    const base = <usize>(1 + k + q) * bytes;
    const zq = z + base;
    const aq = a + base;
    const zi = z + <usize>(1 + si) * bytes;
    const zj = z + <usize>(1 + sj) * bytes;
    let e = 0;
    for (; e < blockV; e += L) {
      const o = <usize>e * S;
      const t = v128.mul<T>(v128.mul<T>(v128.load(s2 + o), v128.load(zi + o)), v128.load(zj + o));
      v128.store(aq + o, v128.add<T>(t, v128.mul<T>(v128.load(s1 + o), v128.load(zq + o))));
    }
    for (; e < block; e++) {
      const o = <usize>e * S;
      store<T>(aq + o, load<T>(s2 + o) * load<T>(zi + o) * load<T>(zj + o) + load<T>(s1 + o) * load<T>(zq + o));
    }
  }
}

// The reverse of activateForward: z̄ from ā (see workers/float64/jetMlp64.ts for the formulas).
@inline function activateBackward<T>(aBar: usize, z: usize, s1: usize, s2: usize, s3: usize, zBar: usize, block: i32, k: i32, pairs: usize, npairs: i32): void {
  const S = <usize>sizeof<T>();
  const L = <i32>(16 / sizeof<T>());
  const bytes = <usize>block * S;
  const blockV = block - (block % L);
  let e = 0;
  for (; e < blockV; e += L) {
    const o = <usize>e * S;
    v128.store(zBar + o, v128.mul<T>(v128.load(aBar + o), v128.load(s1 + o)));
  }
  for (; e < block; e++) {
    const o = <usize>e * S;
    store<T>(zBar + o, load<T>(aBar + o) * load<T>(s1 + o));
  }
  for (let c = 1; c <= k; c++) {
    const gc = aBar + <usize>c * bytes;
    const zc = z + <usize>c * bytes;
    const oc = zBar + <usize>c * bytes;
    e = 0;
    for (; e < blockV; e += L) {
      const o = <usize>e * S;
      const g = v128.load(gc + o);
      v128.store(zBar + o, v128.add<T>(v128.load(zBar + o), v128.mul<T>(v128.mul<T>(g, v128.load(s2 + o)), v128.load(zc + o))));
      v128.store(oc + o, v128.mul<T>(g, v128.load(s1 + o)));
    }
    for (; e < block; e++) {
      const o = <usize>e * S;
      const g = load<T>(gc + o);
      store<T>(zBar + o, load<T>(zBar + o) + g * load<T>(s2 + o) * load<T>(zc + o));
      store<T>(oc + o, g * load<T>(s1 + o));
    }
  }
  for (let q = 0; q < npairs; q++) {
    const si = load<i32>(pairs + <usize>(8 * q));
    const sj = load<i32>(pairs + <usize>(8 * q + 4));
    const base = <usize>(1 + k + q) * bytes;
    const gq = aBar + base;
    const zq = z + base;
    const oq = zBar + base;
    const zi = z + <usize>(1 + si) * bytes;
    const zj = z + <usize>(1 + sj) * bytes;
    const oi = zBar + <usize>(1 + si) * bytes;
    const oj = zBar + <usize>(1 + sj) * bytes;
    e = 0;
    for (; e < blockV; e += L) {
      const o = <usize>e * S;
      const g = v128.load(gq + o);
      const d2 = v128.load(s2 + o);
      const vi = v128.load(zi + o);
      const vj = v128.load(zj + o);
      const gd2 = v128.mul<T>(g, d2);
      const inner = v128.add<T>(v128.mul<T>(v128.mul<T>(v128.load(s3 + o), vi), vj), v128.mul<T>(d2, v128.load(zq + o)));
      v128.store(zBar + o, v128.add<T>(v128.load(zBar + o), v128.mul<T>(g, inner)));
      v128.store(oi + o, v128.add<T>(v128.load(oi + o), v128.mul<T>(gd2, vj)));
      v128.store(oj + o, v128.add<T>(v128.load(oj + o), v128.mul<T>(gd2, vi)));
      v128.store(oq + o, v128.mul<T>(g, v128.load(s1 + o)));
    }
    for (; e < block; e++) {
      const o = <usize>e * S;
      const g = load<T>(gq + o);
      const d2 = load<T>(s2 + o);
      const vi = load<T>(zi + o);
      const vj = load<T>(zj + o);
      store<T>(zBar + o, load<T>(zBar + o) + g * (load<T>(s3 + o) * vi * vj + d2 * load<T>(zq + o)));
      store<T>(oi + o, load<T>(oi + o) + g * d2 * vj);
      store<T>(oj + o, load<T>(oj + o) + g * d2 * vi);
      store<T>(oq + o, g * load<T>(s1 + o));
    }
  }
}

// ---- tanh and its derivatives ---------------------------------------------------------------------
// s0 = tanh z, s1 = 1 − t², s2 = −2 t s1, s3 = −2 s1 (1 − 3t²) (s3 only when s3 ≠ 0).

// f32: a rational minimax approximation on [−7.9, 7.9] (odd degree 13 over even degree 6, as in
// Eigen's fast tanh), four lanes at a time; |error| below 3e-7 (tested against Math.tanh).
export function tanhJetF32(z: usize, length: i32, s0: usize, s1: usize, s2: usize, s3: usize): void {
  const lengthV = length & ~3;
  const clampHi = f32x4.splat(7.90531110763549805);
  const clampLo = f32x4.splat(-7.90531110763549805);
  const a1 = f32x4.splat(4.89352455891786e-3);
  const a3 = f32x4.splat(6.37261928875436e-4);
  const a5 = f32x4.splat(1.48572235717979e-5);
  const a7 = f32x4.splat(5.12229709037114e-8);
  const a9 = f32x4.splat(-8.60467152213735e-11);
  const a11 = f32x4.splat(2.00018790482477e-13);
  const a13 = f32x4.splat(-2.76076847742355e-16);
  const b0 = f32x4.splat(4.89352518554385e-3);
  const b2 = f32x4.splat(2.26843463243900e-3);
  const b4 = f32x4.splat(1.18534705686654e-4);
  const b6 = f32x4.splat(1.19825839466702e-6);
  const one = f32x4.splat(1);
  const two = f32x4.splat(2);
  const three = f32x4.splat(3);
  const tiny = f32x4.splat(0.0004);
  for (let e = 0; e < lengthV; e += 4) {
    const o = <usize>e << 2;
    const zv = v128.load(z + o);
    const x = f32x4.max(clampLo, f32x4.min(clampHi, zv));
    const x2 = f32x4.mul(x, x);
    let p = f32x4.add(f32x4.mul(x2, a13), a11);
    p = f32x4.add(f32x4.mul(x2, p), a9);
    p = f32x4.add(f32x4.mul(x2, p), a7);
    p = f32x4.add(f32x4.mul(x2, p), a5);
    p = f32x4.add(f32x4.mul(x2, p), a3);
    p = f32x4.add(f32x4.mul(x2, p), a1);
    p = f32x4.mul(x, p);
    let q = f32x4.add(f32x4.mul(x2, b6), b4);
    q = f32x4.add(f32x4.mul(x2, q), b2);
    q = f32x4.add(f32x4.mul(x2, q), b0);
    const small = f32x4.lt(f32x4.abs(zv), tiny);
    const t = v128.bitselect(zv, f32x4.div(p, q), small);
    const t2 = f32x4.mul(t, t);
    const d = f32x4.sub(one, t2);
    v128.store(s0 + o, t);
    v128.store(s1 + o, d);
    v128.store(s2 + o, f32x4.mul(f32x4.mul(f32x4.neg(two), t), d));
    if (s3 != 0) v128.store(s3 + o, f32x4.mul(f32x4.mul(f32x4.neg(two), d), f32x4.sub(one, f32x4.mul(three, t2))));
  }
  for (let e = lengthV; e < length; e++) {
    const o = <usize>e << 2;
    const t: f32 = <f32>tanh64(<f64>load<f32>(z + o));
    const d: f32 = <f32>1 - t * t;
    store<f32>(s0 + o, t);
    store<f32>(s1 + o, d);
    store<f32>(s2 + o, <f32>-2 * t * d);
    if (s3 != 0) store<f32>(s3 + o, <f32>-2 * d * (<f32>1 - <f32>3 * t * t));
  }
}

// f64: tanh |z| = e/(e + 2) with e = expm1(2|z|), accurate to a few ulp (tested against Math.tanh
// through the engine's jets). Two lanes at a time: y = 2|z| = k ln2 + r, |r| ≤ ln2/2, then
// expm1(y) = 2^k expm1(r) + (2^k − 1) (no cancellation for k ≥ 1), expm1(r) by its Taylor series
// to r^14/14!.
@inline function tanh64(z: f64): f64 {
  const e = Math.expm1(2 * Math.abs(z));
  const t = e / (e + 2);
  return z < 0 ? -t : t;
}

@inline function tanhF64x2(z: v128): v128 {
  const signMask = i64x2.splat(0x8000000000000000);
  const y = f64x2.min(f64x2.splat(40), f64x2.add(f64x2.abs(z), f64x2.abs(z)));
  const k = f64x2.nearest(f64x2.mul(y, f64x2.splat(1.4426950408889634)));
  // ln 2 in two parts, the first with trailing zero bits so that k · LN2_HI is exact
  const r = f64x2.sub(f64x2.sub(y, f64x2.mul(k, f64x2.splat(6.93147180369123816490e-01))), f64x2.mul(k, f64x2.splat(1.90821492927058770002e-10)));
  // expm1(r) = r (1 + r/2 (1 + r/3 (… (1 + r/14))))
  const one = f64x2.splat(1);
  let p = one;
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.07142857142857142)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.07692307692307693)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.08333333333333333)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.09090909090909091)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.1)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.1111111111111111)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.125)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.14285714285714285)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.16666666666666666)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.2)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.25)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.3333333333333333)));
  p = f64x2.add(one, f64x2.mul(f64x2.mul(r, p), f64x2.splat(0.5)));
  const em1 = f64x2.mul(r, p);
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  const scale = i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52); // 2^k
  const e = f64x2.add(f64x2.mul(scale, em1), f64x2.sub(scale, f64x2.splat(1)));
  const t = f64x2.div(e, f64x2.add(e, f64x2.splat(2)));
  return v128.or(t, v128.and(z, signMask));
}

export function tanhJetF64(z: usize, length: i32, s0: usize, s1: usize, s2: usize, s3: usize): void {
  const lengthV = length & ~1;
  const one = f64x2.splat(1);
  const minusTwo = f64x2.splat(-2);
  const three = f64x2.splat(3);
  for (let e = 0; e < lengthV; e += 2) {
    const o = <usize>e << 3;
    const t = tanhF64x2(v128.load(z + o));
    const t2 = f64x2.mul(t, t);
    const d = f64x2.sub(one, t2);
    v128.store(s0 + o, t);
    v128.store(s1 + o, d);
    v128.store(s2 + o, f64x2.mul(f64x2.mul(minusTwo, t), d));
    if (s3 != 0) v128.store(s3 + o, f64x2.mul(f64x2.mul(minusTwo, d), f64x2.sub(one, f64x2.mul(three, t2))));
  }
  for (let e = lengthV; e < length; e++) {
    const o = <usize>e << 3;
    const zv = load<f64>(z + o);
    const t = Math.abs(zv) > 20 ? (zv > 0 ? 1.0 : -1.0) : tanh64(zv);
    const d = 1 - t * t;
    store<f64>(s0 + o, t);
    store<f64>(s1 + o, d);
    store<f64>(s2 + o, -2 * t * d);
    if (s3 != 0) store<f64>(s3 + o, -2 * d * (1 - 3 * t * t));
  }
}

// ---- exports, once per precision ------------------------------------------------------------------

export function mmF32(a: usize, rows: i32, inner: i32, w: usize, cols: i32, out: usize, accumulate: bool): void { mm<f32>(a, rows, inner, w, cols, out, accumulate); }
export function mmF64(a: usize, rows: i32, inner: i32, w: usize, cols: i32, out: usize, accumulate: bool): void { mm<f64>(a, rows, inner, w, cols, out, accumulate); }
export function mmNarrowF32(a: usize, rows: i32, inner: i32, wT: usize, cols: i32, out: usize): void { mmNarrow<f32>(a, rows, inner, wT, cols, out); }
export function mmNarrowF64(a: usize, rows: i32, inner: i32, wT: usize, cols: i32, out: usize): void { mmNarrow<f64>(a, rows, inner, wT, cols, out); }
export function atbF32(a: usize, rows: i32, inner: i32, g: usize, cols: i32, out: usize): void { atb<f32>(a, rows, inner, g, cols, out); }
export function atbF64(a: usize, rows: i32, inner: i32, g: usize, cols: i32, out: usize): void { atb<f64>(a, rows, inner, g, cols, out); }
export function atbNarrowF32(a: usize, rows: i32, inner: i32, g: usize, cols: i32, outT: usize): void { atbNarrow<f32>(a, rows, inner, g, cols, outT); }
export function atbNarrowF64(a: usize, rows: i32, inner: i32, g: usize, cols: i32, outT: usize): void { atbNarrow<f64>(a, rows, inner, g, cols, outT); }
export function columnSumF32(g: usize, rows: i32, cols: i32, out: usize): void { columnSum<f32>(g, rows, cols, out); }
export function columnSumF64(g: usize, rows: i32, cols: i32, out: usize): void { columnSum<f64>(g, rows, cols, out); }
export function fillBiasF32(out: usize, rows: i32, biasRows: i32, cols: i32, bias: usize): void { fillBias<f32>(out, rows, biasRows, cols, bias); }
export function fillBiasF64(out: usize, rows: i32, biasRows: i32, cols: i32, bias: usize): void { fillBias<f64>(out, rows, biasRows, cols, bias); }
export function rowDotF32(x: usize, y: usize, rows: i32, cols: i32, dots: usize): void { rowDot<f32>(x, y, rows, cols, dots); }
export function rowDotF64(x: usize, y: usize, rows: i32, cols: i32, dots: usize): void { rowDot<f64>(x, y, rows, cols, dots); }
export function scaleRowsF32(x: usize, rows: i32, cols: i32, s: usize, out: usize): void { scaleRows<f32>(x, rows, cols, s, out); }
export function scaleRowsF64(x: usize, rows: i32, cols: i32, s: usize, out: usize): void { scaleRows<f64>(x, rows, cols, s, out); }
export function transposeF32(src: usize, rows: i32, cols: i32, dst: usize): void { transpose<f32>(src, rows, cols, dst); }
export function transposeF64(src: usize, rows: i32, cols: i32, dst: usize): void { transpose<f64>(src, rows, cols, dst); }
export function addTransposedF32(src: usize, rows: i32, cols: i32, dst: usize): void { addTransposed<f32>(src, rows, cols, dst); }
export function addTransposedF64(src: usize, rows: i32, cols: i32, dst: usize): void { addTransposed<f64>(src, rows, cols, dst); }
export function activateForwardF32(z: usize, a: usize, s1: usize, s2: usize, block: i32, k: i32, pairs: usize, npairs: i32): void { activateForward<f32>(z, a, s1, s2, block, k, pairs, npairs); }
export function activateForwardF64(z: usize, a: usize, s1: usize, s2: usize, block: i32, k: i32, pairs: usize, npairs: i32): void { activateForward<f64>(z, a, s1, s2, block, k, pairs, npairs); }
export function activateBackwardF32(aBar: usize, z: usize, s1: usize, s2: usize, s3: usize, zBar: usize, block: i32, k: i32, pairs: usize, npairs: i32): void { activateBackward<f32>(aBar, z, s1, s2, s3, zBar, block, k, pairs, npairs); }
export function activateBackwardF64(aBar: usize, z: usize, s1: usize, s2: usize, s3: usize, zBar: usize, block: i32, k: i32, pairs: usize, npairs: i32): void { activateBackward<f64>(aBar, z, s1, s2, s3, zBar, block, k, pairs, npairs); }
