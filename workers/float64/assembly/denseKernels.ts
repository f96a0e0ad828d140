// @ts-nocheck: AssemblyScript source (usize, v128, load<T>), compiled by build.mjs, not by tsc.
// WebAssembly SIMD (f64x2) versions of ../denseKernels.ts on raw linear memory. Pointers are byte
// offsets of row-major float64 matrices; the JavaScript side owns the layout (no allocator here).

// out[r, :] += Σ_i a[r, i] · w[i, :]   (a: rows × inner, w: inner × cols)
export function multiplyAdd(a: usize, rows: i32, inner: i32, w: usize, cols: i32, out: usize): void {
  const cols4 = cols & ~3;
  const rowA = <usize>inner << 3;
  const rowO = <usize>cols << 3;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = a + <usize>r * rowA;
    const o0 = out + <usize>r * rowO;
    for (let j = 0; j < cols4; j += 4) {
      const oj = o0 + (<usize>j << 3);
      let c00 = v128.load(oj), c01 = v128.load(oj, 16);
      let c10 = v128.load(oj + rowO), c11 = v128.load(oj + rowO, 16);
      let c20 = v128.load(oj + 2 * rowO), c21 = v128.load(oj + 2 * rowO, 16);
      let c30 = v128.load(oj + 3 * rowO), c31 = v128.load(oj + 3 * rowO, 16);
      let wp = w + (<usize>j << 3);
      let ap = a0;
      for (let i = 0; i < inner; i++) {
        const w0 = v128.load(wp), w1 = v128.load(wp, 16);
        const s0 = f64x2.splat(load<f64>(ap));
        const s1 = f64x2.splat(load<f64>(ap + rowA));
        const s2 = f64x2.splat(load<f64>(ap + 2 * rowA));
        const s3 = f64x2.splat(load<f64>(ap + 3 * rowA));
        c00 = f64x2.add(c00, f64x2.mul(s0, w0)); c01 = f64x2.add(c01, f64x2.mul(s0, w1));
        c10 = f64x2.add(c10, f64x2.mul(s1, w0)); c11 = f64x2.add(c11, f64x2.mul(s1, w1));
        c20 = f64x2.add(c20, f64x2.mul(s2, w0)); c21 = f64x2.add(c21, f64x2.mul(s2, w1));
        c30 = f64x2.add(c30, f64x2.mul(s3, w0)); c31 = f64x2.add(c31, f64x2.mul(s3, w1));
        wp += rowO;
        ap += 8;
      }
      v128.store(oj, c00); v128.store(oj, c01, 16);
      v128.store(oj + rowO, c10); v128.store(oj + rowO, c11, 16);
      v128.store(oj + 2 * rowO, c20); v128.store(oj + 2 * rowO, c21, 16);
      v128.store(oj + 3 * rowO, c30); v128.store(oj + 3 * rowO, c31, 16);
    }
    for (let k = 0; k < 4; k++) scalarTail(a0 + <usize>k * rowA, inner, w, cols, cols4, o0 + <usize>k * rowO);
  }
  for (; r < rows; r++) scalarTail(a + <usize>r * rowA, inner, w, cols, 0, out + <usize>r * rowO);
}

// One row, columns from..cols−1, in scalar arithmetic.
function scalarTail(ar: usize, inner: i32, w: usize, cols: i32, from: i32, or: usize): void {
  for (let j = from; j < cols; j++) {
    let s = load<f64>(or + (<usize>j << 3));
    for (let i = 0; i < inner; i++) s += load<f64>(ar + (<usize>i << 3)) * load<f64>(w + ((<usize>i * <usize>cols + <usize>j) << 3));
    store<f64>(or + (<usize>j << 3), s);
  }
}

// out[i, j] += Σ_r a[r, i] · g[r, j]   (aᵀ · g; a: rows × inner, g: rows × cols), in row chunks
// that stay in cache.
export function accumulateOuter(a: usize, rows: i32, inner: i32, g: usize, cols: i32, out: usize): void {
  const CHUNK = 64;
  const cols4 = cols & ~3;
  const inner2 = inner & ~1;
  const rowA = <usize>inner << 3;
  const rowG = <usize>cols << 3;
  for (let r0 = 0; r0 < rows; r0 += CHUNK) {
    const r1 = min(rows, r0 + CHUNK);
    for (let i = 0; i < inner2; i += 2) {
      const oi = out + <usize>i * rowG;
      for (let j = 0; j < cols4; j += 4) {
        const oj = oi + (<usize>j << 3);
        let c00 = v128.load(oj), c01 = v128.load(oj, 16);
        let c10 = v128.load(oj + rowG), c11 = v128.load(oj + rowG, 16);
        let ap = a + <usize>r0 * rowA + (<usize>i << 3);
        let gp = g + <usize>r0 * rowG + (<usize>j << 3);
        for (let r = r0; r < r1; r++) {
          const g0 = v128.load(gp), g1 = v128.load(gp, 16);
          const s0 = f64x2.splat(load<f64>(ap));
          const s1 = f64x2.splat(load<f64>(ap, 8));
          c00 = f64x2.add(c00, f64x2.mul(s0, g0)); c01 = f64x2.add(c01, f64x2.mul(s0, g1));
          c10 = f64x2.add(c10, f64x2.mul(s1, g0)); c11 = f64x2.add(c11, f64x2.mul(s1, g1));
          ap += rowA;
          gp += rowG;
        }
        v128.store(oj, c00); v128.store(oj, c01, 16);
        v128.store(oj + rowG, c10); v128.store(oj + rowG, c11, 16);
      }
    }
    // Remaining (i, j) entries: odd last row of out and the last cols % 4 columns.
    for (let i = 0; i < inner; i++) {
      const from = i < inner2 ? cols4 : 0;
      for (let j = from; j < cols; j++) {
        const o = out + <usize>i * rowG + (<usize>j << 3);
        let s = load<f64>(o);
        for (let r = r0; r < r1; r++) s += load<f64>(a + <usize>r * rowA + (<usize>i << 3)) * load<f64>(g + <usize>r * rowG + (<usize>j << 3));
        store<f64>(o, s);
      }
    }
  }
}
