import type { RequestContext } from './context';
import { type PatternToken, wildcardTokens } from './wildcard';

/**
 * Policy variables in Resource, NotResource and condition values:
 * `${aws:PrincipalTag/shopId}`, `${aws:username}`, with an optional default
 * (`${aws:PrincipalTag/team, 'none'}`), and the escapes `${*}`, `${?}`, `${$}`
 * for a literal `*`, `?` and `$`.
 *
 * A substituted value is always literal text: a tag value of `*` must not
 * widen a resource pattern to every shop.
 */

export type ResolvedString =
  | { kind: 'resolved'; tokens: PatternToken[] }
  /** The key is absent (or multi-valued): the statement does not match. */
  | { kind: 'unresolved'; variable: string }
  /** Text the evaluator cannot read. */
  | { kind: 'invalid'; problem: string };

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
const DEFAULT_VALUE_SHAPE = /^'([^']*)'$/;
const KEY_SHAPE = /^[A-Za-z0-9_.:/+=@ -]+$/;

export interface ResolveOptions {
  /** Whether `*` and `?` outside variables are wildcards (Resource, *Like) or literal (StringEquals). */
  wildcards: boolean;
}

export function resolvePolicyString(text: string, context: RequestContext, options: ResolveOptions): ResolvedString {
  const tokens: PatternToken[] = [];
  const pushLiteral = (literal: string): void => {
    if (literal !== '') tokens.push({ kind: 'text', text: literal });
  };
  const pushPolicyText = (policyText: string): void => {
    if (options.wildcards) tokens.push(...wildcardTokens(policyText));
    else pushLiteral(policyText);
  };

  let position = 0;
  while (position < text.length) {
    const start = text.indexOf('${', position);
    if (start === -1) {
      pushPolicyText(text.slice(position));
      break;
    }
    pushPolicyText(text.slice(position, start));
    const end = text.indexOf('}', start + 2);
    if (end === -1) return { kind: 'invalid', problem: `unterminated policy variable in '${text}'` };
    const body = text.slice(start + 2, end);
    position = end + 1;

    const escaped = ESCAPES[body];
    if (escaped !== undefined) {
      pushLiteral(escaped);
      continue;
    }
    const substitution = substitute(body, context);
    if (substitution.kind !== 'value') {
      return substitution.kind === 'absent'
        ? { kind: 'unresolved', variable: `\${${body}}` }
        : { kind: 'invalid', problem: `cannot read the policy variable '\${${body}}'` };
    }
    pushLiteral(substitution.value);
  }
  return { kind: 'resolved', tokens };
}

type Substitution = { kind: 'value'; value: string } | { kind: 'absent' } | { kind: 'invalid' };

function substitute(body: string, context: RequestContext): Substitution {
  const comma = body.indexOf(',');
  const key = (comma === -1 ? body : body.slice(0, comma)).trim();
  if (!KEY_SHAPE.test(key)) return { kind: 'invalid' };
  let fallback: string | undefined;
  if (comma !== -1) {
    const quoted = DEFAULT_VALUE_SHAPE.exec(body.slice(comma + 1).trim());
    if (!quoted) return { kind: 'invalid' };
    fallback = quoted[1];
  }
  const value = context.get(key);
  // A multi-valued key has no single value to substitute, so it counts as absent.
  if (typeof value === 'string') return { kind: 'value', value };
  return fallback === undefined ? { kind: 'absent' } : { kind: 'value', value: fallback };
}
