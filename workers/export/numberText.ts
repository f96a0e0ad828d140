/** Decimal text for numbers written into text exports (VTU ascii, OBJ, CSV, SVG). */

/** Shortest decimal text that reads back to the same float32 (at most 9 significant digits). */
export function float32Text(value: number): string {
  const target = Math.fround(value);
  if (!Number.isFinite(target)) return String(target);
  for (let digits = 6; digits < 9; digits++) {
    const text = target.toPrecision(digits);
    if (Math.fround(Number(text)) === target) return String(Number(text));
  }
  return String(Number(target.toPrecision(9)));
}

/** Fixed-point text with trailing zeros removed, for SVG coordinates. */
export function svgNumber(value: number, decimals = 2): string {
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}
