import type { ConditionBlock } from './policy';
import type { ContextValue, RequestContext } from './context';
import { conditionOperators, type ConditionOperator, type PolicyValue } from './operators';
import { resolvePolicyString } from './variables';
import { allOf, undetermined, type Verdict } from './verdict';
import { literalText } from './wildcard';

/**
 * The Condition element. All operators must hold, and within an operator all
 * keys; the values listed for one key are alternatives (OR), and for a negated
 * operator none of them may match (NOR).
 *
 * Without a set qualifier, a key absent from the context fails a positive
 * operator and satisfies a negated one. `ForAnyValue:` needs at least one
 * context value to satisfy the operator (so an absent or empty key fails);
 * `ForAllValues:` needs every context value to (so an absent or empty key
 * passes). `...IfExists` makes an absent key pass. An empty list counts as
 * absent.
 */

type SetQualifier = 'ForAnyValue' | 'ForAllValues';

interface OperatorName {
  qualifier?: SetQualifier;
  base: string;
  ifExists: boolean;
}

const IF_EXISTS = 'IfExists';

function parseOperatorName(name: string): OperatorName {
  let base = name;
  let qualifier: SetQualifier | undefined;
  for (const candidate of ['ForAnyValue', 'ForAllValues'] as const) {
    if (base.startsWith(`${candidate}:`)) {
      qualifier = candidate;
      base = base.slice(candidate.length + 1);
    }
  }
  const ifExists = base.endsWith(IF_EXISTS) && base !== IF_EXISTS;
  if (ifExists) base = base.slice(0, -IF_EXISTS.length);
  return { qualifier, base, ifExists };
}

function policyValueList(raw: unknown): string[] | undefined {
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) return undefined;
  const values: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') values.push(item);
    else if (typeof item === 'boolean' || typeof item === 'number') values.push(String(item));
    else return undefined;
  }
  return values;
}

function contextValues(value: ContextValue | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

type ResolvedValues = { kind: 'values'; values: PolicyValue[] } | { kind: 'verdict'; verdict: Verdict };

function resolveValues(values: readonly string[], wildcards: boolean, context: RequestContext): ResolvedValues {
  const resolved: PolicyValue[] = [];
  for (const value of values) {
    const outcome = resolvePolicyString(value, context, { wildcards });
    if (outcome.kind === 'unresolved') return { kind: 'verdict', verdict: false };
    if (outcome.kind === 'invalid') return { kind: 'verdict', verdict: undetermined(outcome.problem) };
    resolved.push({ tokens: outcome.tokens, text: literalText(outcome.tokens) ?? '' });
  }
  return { kind: 'values', values: resolved };
}

function evaluateNull(name: OperatorName, values: readonly string[], present: boolean): Verdict {
  if (name.qualifier !== undefined || name.ifExists) return undetermined('Null takes no set qualifier and no IfExists');
  if (!values.every((value) => /^(true|false)$/i.test(value))) return undetermined('Null takes only "true" or "false"');
  return values.some((value) => (value.toLowerCase() === 'true') === !present);
}

function evaluateOperator(
  name: OperatorName,
  operator: ConditionOperator,
  policyValues: readonly PolicyValue[],
  value: ContextValue | undefined,
): boolean {
  const values = contextValues(value);
  const present = values.length > 0;
  if (!present && name.ifExists) return true;
  const { comparison, negated } = operator;
  const satisfies = (contextValue: string): boolean =>
    negated
      ? policyValues.every((policyValue) => comparison.matches(contextValue, policyValue) === false)
      : policyValues.some((policyValue) => comparison.matches(contextValue, policyValue) === true);

  if (name.qualifier === 'ForAnyValue') return values.some(satisfies);
  if (name.qualifier === 'ForAllValues') return values.every(satisfies);
  if (!present) return negated;
  return negated ? values.every(satisfies) : values.some(satisfies);
}

function evaluateEntry(operatorText: string, key: string, rawValues: unknown, context: RequestContext): Verdict {
  const name = parseOperatorName(operatorText);
  const values = policyValueList(rawValues);
  if (values === undefined) return undetermined(`${operatorText} on '${key}' needs one or more string values`);
  const value = context.get(key);

  if (name.base === 'Null') {
    const resolved = resolveValues(values, false, context);
    if (resolved.kind === 'verdict') return resolved.verdict;
    return evaluateNull(name, resolved.values.map((item) => item.text), contextValues(value).length > 0);
  }
  const operator = conditionOperators.get(name.base);
  if (operator === undefined) return undetermined(`unknown condition operator '${operatorText}'`);
  const resolved = resolveValues(values, operator.comparison.wildcards, context);
  if (resolved.kind === 'verdict') return resolved.verdict;
  const unusable = resolved.values.find((policyValue) => !operator.comparison.acceptsPolicyValue(policyValue.text));
  if (unusable !== undefined) return undetermined(`${operatorText} cannot compare with '${unusable.text}'`);
  return evaluateOperator(name, operator, resolved.values, value);
}

export function evaluateConditionBlock(block: ConditionBlock, context: RequestContext): Verdict {
  return allOf(
    Object.entries(block).flatMap(([operatorText, entries]) => {
      if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
        return [() => undetermined(`${operatorText} must map condition keys to values`)];
      }
      return Object.entries(entries).map(([key, rawValues]) => () => evaluateEntry(operatorText, key, rawValues, context));
    }),
  );
}
