/** A refused expression: says what is wrong and, where known, at which column (1-based). */
export class ExprError extends Error {
  constructor(
    readonly reason: string,
    readonly column?: number,
  ) {
    super(column === undefined ? reason : `column ${column}: ${reason}`);
    this.name = 'ExprError';
  }
}
