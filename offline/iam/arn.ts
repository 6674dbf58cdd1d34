import { matchesPattern, type PatternToken } from './wildcard';

/**
 * ARN matching for the Arn* condition operators: the six colon-separated
 * components are matched one by one, so a wildcard cannot run from one
 * component into the next, except in the pattern's last component, which
 * takes the rest of the ARN (`arn:aws:*` matches every ARN of the partition).
 */

const ARN_COMPONENTS = 6;

function splitSubject(arn: string, parts: number): string[] | undefined {
  const pieces = arn.split(':');
  if (pieces.length < parts) return undefined;
  return [...pieces.slice(0, parts - 1), pieces.slice(parts - 1).join(':')];
}

function splitPattern(tokens: readonly PatternToken[]): PatternToken[][] {
  const components: PatternToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'text') {
      components[components.length - 1].push(token);
      continue;
    }
    const pieces = token.text.split(':');
    pieces.forEach((piece, index) => {
      if (index > 0) {
        if (components.length < ARN_COMPONENTS) components.push([]);
        else {
          components[components.length - 1].push({ kind: 'text', text: ':' });
        }
      }
      if (piece !== '') components[components.length - 1].push({ kind: 'text', text: piece });
    });
  }
  return components;
}

/** Undefined when the context value is not an ARN at all. */
export function arnMatches(pattern: readonly PatternToken[], arn: string): boolean | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  if (splitSubject(arn, ARN_COMPONENTS) === undefined) return undefined;
  const components = splitPattern(pattern);
  const subject = splitSubject(arn, components.length);
  if (subject === undefined) return false;
  return components.every((component, index) => matchesPattern(component, subject[index]));
}
