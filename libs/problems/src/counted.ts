// How the hub counts things in what it says: "1 problem", "2 problems" — never "1 problem(s)" (issue 17, rough edge 7).

/** `n` with the noun in the number it takes; `many` for a plural that is not the noun plus "s" ("entries"). */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
