import { arnMatches } from './arn';
import { matchesPattern, type PatternToken } from './wildcard';

/**
 * The value comparisons behind IAM's condition operators. Each positive
 * operator has a negated twin (StringNotEquals, ArnNotLike, ...) whose
 * per-value semantics conditions.ts derives: true only when no policy value
 * matches.
 */

export interface PolicyValue {
  tokens: readonly PatternToken[];
  /** The value as plain text; meaningful for operators without wildcards. */
  text: string;
}

export interface ValueComparison {
  /** Whether `*` and `?` in policy values are wildcards. */
  wildcards: boolean;
  /** A policy value the operator cannot use is a problem in the policy. */
  acceptsPolicyValue(text: string): boolean;
  /** Undefined when the context value is not of the operator's type: it then matches neither way. */
  matches(contextValue: string, policyValue: PolicyValue): boolean | undefined;
}

export interface ConditionOperator {
  comparison: ValueComparison;
  negated: boolean;
}

const anyText = (): boolean => true;

const stringEquals: ValueComparison = {
  wildcards: false,
  acceptsPolicyValue: anyText,
  matches: (contextValue, policyValue) => contextValue === policyValue.text,
};

const stringEqualsIgnoreCase: ValueComparison = {
  wildcards: false,
  acceptsPolicyValue: anyText,
  matches: (contextValue, policyValue) => contextValue.toLowerCase() === policyValue.text.toLowerCase(),
};

const stringLike: ValueComparison = {
  wildcards: true,
  acceptsPolicyValue: anyText,
  matches: (contextValue, policyValue) => matchesPattern(policyValue.tokens, contextValue),
};

const arnLike: ValueComparison = {
  wildcards: true,
  acceptsPolicyValue: anyText,
  matches: (contextValue, policyValue) => arnMatches(policyValue.tokens, contextValue),
};

const BOOLEAN_SHAPE = /^(true|false)$/i;

const bool: ValueComparison = {
  wildcards: false,
  acceptsPolicyValue: (text) => BOOLEAN_SHAPE.test(text),
  matches: (contextValue, policyValue) =>
    BOOLEAN_SHAPE.test(contextValue) ? contextValue.toLowerCase() === policyValue.text.toLowerCase() : undefined,
};

const NUMBER_SHAPE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(text: string): number | undefined {
  return NUMBER_SHAPE.test(text.trim()) ? Number(text) : undefined;
}

const EPOCH_SECONDS_SHAPE = /^\d+$/;
const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 dates and times, or seconds since the epoch (aws:EpochTime). */
function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS_SHAPE.test(text)) return Number(text) * 1000;
  if (!ISO_DATE_SHAPE.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

type Order = (contextValue: number, policyValue: number) => boolean;

function ordered(parse: (text: string) => number | undefined, order: Order): ValueComparison {
  return {
    wildcards: false,
    acceptsPolicyValue: (text) => parse(text) !== undefined,
    matches: (contextValue, policyValue) => {
      const left = parse(contextValue);
      const right = parse(policyValue.text);
      return left === undefined || right === undefined ? undefined : order(left, right);
    },
  };
}

const orders: Readonly<Record<string, Order>> = {
  Equals: (left, right) => left === right,
  LessThan: (left, right) => left < right,
  LessThanEquals: (left, right) => left <= right,
  GreaterThan: (left, right) => left > right,
  GreaterThanEquals: (left, right) => left >= right,
};

function operatorTable(): Map<string, ConditionOperator> {
  const table = new Map<string, ConditionOperator>([
    ['StringEquals', { comparison: stringEquals, negated: false }],
    ['StringNotEquals', { comparison: stringEquals, negated: true }],
    ['StringEqualsIgnoreCase', { comparison: stringEqualsIgnoreCase, negated: false }],
    ['StringNotEqualsIgnoreCase', { comparison: stringEqualsIgnoreCase, negated: true }],
    ['StringLike', { comparison: stringLike, negated: false }],
    ['StringNotLike', { comparison: stringLike, negated: true }],
    // IAM documents ArnEquals and ArnLike as the same comparison, wildcards included.
    ['ArnEquals', { comparison: arnLike, negated: false }],
    ['ArnLike', { comparison: arnLike, negated: false }],
    ['ArnNotEquals', { comparison: arnLike, negated: true }],
    ['ArnNotLike', { comparison: arnLike, negated: true }],
    ['Bool', { comparison: bool, negated: false }],
  ]);
  for (const [family, parse] of [
    ['Numeric', parseNumber],
    ['Date', parseDate],
  ] as const) {
    for (const [name, order] of Object.entries(orders)) {
      table.set(`${family}${name}`, { comparison: ordered(parse, order), negated: false });
    }
    table.set(`${family}NotEquals`, { comparison: ordered(parse, orders.Equals), negated: true });
  }
  return table;
}

/** Operators other than Null, by name (without set qualifier or IfExists). */
export const conditionOperators: ReadonlyMap<string, ConditionOperator> = operatorTable();
