// The benches' percentile: the smallest value with at least p % of the values at or below it.

/** The p-th percentile of `values` (any order), or undefined for no values. */
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
