import type { PolicyStatement, StringOrList } from './policy';
import { evaluateConditionBlock } from './conditions';
import type { RequestContext } from './context';
import { principalElementNames, type RequestPrincipal } from './principal';
import { resolvePolicyString } from './variables';
import { allOf, isUndetermined, undetermined, type Verdict } from './verdict';
import { matchesPattern, wildcardTokens } from './wildcard';

/** Whether one statement applies to a request: principal, action, resource and condition all match. */

export interface StatementRequest {
  principal?: RequestPrincipal;
  action: string;
  resource: string;
  context: RequestContext;
}

function listOf(value: StringOrList | undefined): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return value;
  return undefined;
}

function invert(verdict: Verdict): Verdict {
  return isUndetermined(verdict) ? verdict : !verdict;
}

function structureProblem(statement: PolicyStatement): string | undefined {
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return `Effect must be Allow or Deny`;
  if ((statement.Action === undefined) === (statement.NotAction === undefined)) return 'needs exactly one of Action and NotAction';
  if (statement.Resource !== undefined && statement.NotResource !== undefined) return 'has both Resource and NotResource';
  if (statement.Principal !== undefined && statement.NotPrincipal !== undefined) return 'has both Principal and NotPrincipal';
  const resourceBased = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
  // Only a resource-based (or trust) policy may leave the resource implicit.
  if (!resourceBased && statement.Resource === undefined && statement.NotResource === undefined) {
    return 'needs Resource or NotResource';
  }
  return undefined;
}

function principalVerdict(statement: PolicyStatement, principal: RequestPrincipal | undefined): Verdict {
  const element = statement.Principal ?? statement.NotPrincipal;
  if (element === undefined) return true;
  // Identity-based evaluation has no principal to compare with: such a statement cannot apply.
  if (principal === undefined) return false;
  const named = principalElementNames(element, principal);
  return statement.Principal !== undefined ? named : invert(named);
}

function actionVerdict(statement: PolicyStatement, action: string): Verdict {
  const element = statement.Action ?? statement.NotAction;
  const patterns = listOf(element);
  if (patterns === undefined) return undetermined('Action/NotAction must be a string or a non-empty list of strings');
  const listed = patterns.some((pattern) => matchesPattern(wildcardTokens(pattern), action, { caseInsensitive: true }));
  return statement.Action !== undefined ? listed : !listed;
}

function resourceVerdict(statement: PolicyStatement, resource: string, context: RequestContext): Verdict {
  const element = statement.Resource ?? statement.NotResource;
  if (element === undefined) return true;
  const patterns = listOf(element);
  if (patterns === undefined) return undetermined('Resource/NotResource must be a string or a non-empty list of strings');
  let listed = false;
  for (const pattern of patterns) {
    const resolved = resolvePolicyString(pattern, context, { wildcards: true });
    // An absent variable makes the whole statement inapplicable, not just this entry.
    if (resolved.kind === 'unresolved') return false;
    if (resolved.kind === 'invalid') return undetermined(resolved.problem);
    if (matchesPattern(resolved.tokens, resource)) listed = true;
  }
  return statement.Resource !== undefined ? listed : !listed;
}

export function statementApplies(statement: PolicyStatement, request: StatementRequest): Verdict {
  const problem = structureProblem(statement);
  if (problem !== undefined) return undetermined(problem);
  return allOf([
    () => principalVerdict(statement, request.principal),
    () => actionVerdict(statement, request.action),
    () => resourceVerdict(statement, request.resource, request.context),
    () => (statement.Condition === undefined ? true : evaluateConditionBlock(statement.Condition, request.context)),
  ]);
}

/** The parts of a statement, in the order IAM matches them; `unreadable` when the evaluator cannot read one. */
export type StatementPart = 'unreadable' | 'principal' | 'action' | 'resource' | 'condition';

/** Which part of a statement keeps it from applying to a request; undefined when it applies. */
export function firstMismatch(statement: PolicyStatement, request: StatementRequest): StatementPart | undefined {
  if (structureProblem(statement) !== undefined) return 'unreadable';
  const parts: Array<[Exclude<StatementPart, 'unreadable'>, () => Verdict]> = [
    ['principal', () => principalVerdict(statement, request.principal)],
    ['action', () => actionVerdict(statement, request.action)],
    ['resource', () => resourceVerdict(statement, request.resource, request.context)],
    ['condition', () => (statement.Condition === undefined ? true : evaluateConditionBlock(statement.Condition, request.context))],
  ];
  for (const [part, verdictOf] of parts) {
    const verdict = verdictOf();
    if (isUndetermined(verdict)) return 'unreadable';
    if (!verdict) return part;
  }
  return undefined;
}

/**
 * A statement's Resource (or NotResource) entries as they read for this
 * caller: each policy variable replaced by the caller's value, or left as
 * written when the caller has none.
 */
export function resourcesAsSeenBy(statement: PolicyStatement, context: RequestContext): string[] {
  const entries = listOf(statement.Resource ?? statement.NotResource) ?? [];
  const prefix = statement.NotResource !== undefined ? 'anything but ' : '';
  return entries.map((entry) => {
    const resolved = resolvePolicyString(entry, context, { wildcards: false });
    const text = resolved.kind === 'resolved' ? resolved.tokens.map((token) => (token.kind === 'text' ? token.text : '')).join('') : entry;
    return `${prefix}${text}`;
  });
}
