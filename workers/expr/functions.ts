/** The functions and constants an expression may use, with their arity. */

export const FUNCTION_ARITY: Readonly<Record<string, number>> = {
  sin: 1,
  cos: 1,
  tan: 1,
  exp: 1,
  log: 1,
  sqrt: 1,
  abs: 1,
  tanh: 1,
  sinh: 1,
  cosh: 1,
  atan: 1,
  pow: 2,
};

export const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  e: Math.E,
};

/** Float64 implementations, shared by the numeric compiler and the float64 tape. */
export const NUMERIC_FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  atan: Math.atan,
  pow: Math.pow,
};
