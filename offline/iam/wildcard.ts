/**
 * IAM's wildcard matching: `*` is any run of characters (including none, and
 * including `/` and `:`), `?` is exactly one character. Patterns are token
 * lists rather than strings so that text substituted from a policy variable,
 * or written as `${*}`, stays literal.
 */

export type PatternToken = { kind: 'text'; text: string } | { kind: 'anyRun' } | { kind: 'anyChar' };

const ANY_RUN = Symbol('anyRun');
const ANY_CHAR = Symbol('anyChar');
type Unit = string | typeof ANY_RUN | typeof ANY_CHAR;

export interface MatchOptions {
  caseInsensitive?: boolean;
}

/** Splits policy text on `*` and `?` into tokens; everything else is literal. */
export function wildcardTokens(text: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let literal = '';
  for (const character of text) {
    if (character === '*' || character === '?') {
      if (literal !== '') tokens.push({ kind: 'text', text: literal });
      literal = '';
      tokens.push(character === '*' ? { kind: 'anyRun' } : { kind: 'anyChar' });
    } else {
      literal += character;
    }
  }
  if (literal !== '') tokens.push({ kind: 'text', text: literal });
  return tokens;
}

export function literalText(tokens: readonly PatternToken[]): string | undefined {
  let text = '';
  for (const token of tokens) {
    if (token.kind !== 'text') return undefined;
    text += token.text;
  }
  return text;
}

function units(tokens: readonly PatternToken[], caseInsensitive: boolean): Unit[] {
  return tokens.flatMap((token): Unit[] => {
    if (token.kind === 'anyRun') return [ANY_RUN];
    if (token.kind === 'anyChar') return [ANY_CHAR];
    return Array.from(caseInsensitive ? token.text.toLowerCase() : token.text);
  });
}

/**
 * Greedy matching with backtracking to the last `*` only: linear in practice
 * and at worst O(pattern × subject), with no regular expression built from
 * policy text.
 */
export function matchesPattern(tokens: readonly PatternToken[], subject: string, options: MatchOptions = {}): boolean {
  const caseInsensitive = options.caseInsensitive ?? false;
  const pattern = units(tokens, caseInsensitive);
  const characters = Array.from(caseInsensitive ? subject.toLowerCase() : subject);
  let p = 0;
  let s = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (s < characters.length) {
    const unit = pattern[p];
    if (p < pattern.length && (unit === ANY_CHAR || unit === characters[s])) {
      p += 1;
      s += 1;
    } else if (unit === ANY_RUN) {
      starAt = p;
      resumeAt = s;
      p += 1;
    } else if (starAt !== -1) {
      p = starAt + 1;
      resumeAt += 1;
      s = resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === ANY_RUN) p += 1;
  return p === pattern.length;
}
