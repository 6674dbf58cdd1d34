/**
 * Three-valued outcome of matching one part of a statement. `undetermined`
 * means the policy text could not be understood (an unknown operator, a
 * malformed variable); the evaluator then fails closed instead of guessing.
 */
export type Verdict = true | false | Undetermined;

export interface Undetermined {
  problem: string;
}

export function undetermined(problem: string): Undetermined {
  return { problem };
}

export function isUndetermined(verdict: Verdict): verdict is Undetermined {
  return typeof verdict === 'object';
}

/** AND: a definite false wins over a problem, since the part would not match either way. */
export function allOf(parts: Iterable<() => Verdict>): Verdict {
  let firstProblem: Undetermined | undefined;
  for (const part of parts) {
    const verdict = part();
    if (verdict === false) return false;
    if (isUndetermined(verdict)) firstProblem ??= verdict;
  }
  return firstProblem ?? true;
}
