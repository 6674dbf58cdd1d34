import { asTerraformValue, isTerraformObject, type TerraformValue } from '../terraform/values';

/**
 * IAM's policy grammar as the evaluator reads it. Documents come from the
 * synthesized stacks (role, trust, resource and session policies), so they are
 * checked here once, structurally; what a statement means is the evaluator's job.
 */
export type StringOrList = string | string[];

/** `{ "<operator>": { "<condition key>": value(s) } }` */
export type ConditionBlock = Record<string, Record<string, StringOrList | boolean>>;

export type Principal = '*' | Partial<Record<'AWS' | 'Federated' | 'Service', StringOrList>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: '2012-10-17' | '2008-10-17';
  Statement: PolicyStatement[];
}

export class PolicySyntaxError extends Error {
  override readonly name = 'PolicySyntaxError';
}

const statementKeys = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

function stringOrList(value: TerraformValue, where: string): StringOrList {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  throw new PolicySyntaxError(`${where} must be a string or a list of strings`);
}

function principal(value: TerraformValue, where: string): Principal {
  if (value === '*') return '*';
  if (!isTerraformObject(value)) throw new PolicySyntaxError(`${where} must be "*" or an object`);
  const result: Partial<Record<'AWS' | 'Federated' | 'Service', StringOrList>> = {};
  for (const [type, entry] of Object.entries(value)) {
    if (type !== 'AWS' && type !== 'Federated' && type !== 'Service') {
      throw new PolicySyntaxError(`${where} names the principal type ${type}, which the offline evaluator does not know`);
    }
    result[type] = stringOrList(entry, `${where}.${type}`);
  }
  return result;
}

function condition(value: TerraformValue, where: string): ConditionBlock {
  if (!isTerraformObject(value)) throw new PolicySyntaxError(`${where} must be an object`);
  const result: ConditionBlock = {};
  for (const [operator, entries] of Object.entries(value)) {
    if (!isTerraformObject(entries)) throw new PolicySyntaxError(`${where}.${operator} must map condition keys to values`);
    const keys: Record<string, StringOrList | boolean> = {};
    for (const [key, entry] of Object.entries(entries)) {
      keys[key] = typeof entry === 'boolean' ? entry : typeof entry === 'number' ? String(entry) : stringOrList(entry, `${where}.${operator}.${key}`);
    }
    result[operator] = keys;
  }
  return result;
}

function statement(value: TerraformValue, where: string): PolicyStatement {
  if (!isTerraformObject(value)) throw new PolicySyntaxError(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (!statementKeys.includes(key)) throw new PolicySyntaxError(`${where} has the element ${key}, which IAM does not know`);
  }
  const effect = value.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw new PolicySyntaxError(`${where}.Effect must be Allow or Deny`);
  const result: PolicyStatement = { Effect: effect };
  if (value.Sid !== undefined) {
    if (typeof value.Sid !== 'string') throw new PolicySyntaxError(`${where}.Sid must be a string`);
    result.Sid = value.Sid;
  }
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (value[key] !== undefined) result[key] = stringOrList(value[key], `${where}.${key}`);
  }
  if (value.Principal !== undefined) result.Principal = principal(value.Principal, `${where}.Principal`);
  if (value.NotPrincipal !== undefined) result.NotPrincipal = principal(value.NotPrincipal, `${where}.NotPrincipal`);
  if (value.Condition !== undefined) result.Condition = condition(value.Condition, `${where}.Condition`);
  return result;
}

/** A policy document from its JSON text; `Statement` may be one object or a list, as IAM accepts. */
export function parsePolicyDocument(text: string, where: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PolicySyntaxError(`${where} is not valid JSON`);
  }
  return policyDocumentOf(asTerraformValue(parsed, where), where);
}

export function policyDocumentOf(document: TerraformValue, where: string): PolicyDocument {
  if (!isTerraformObject(document)) throw new PolicySyntaxError(`${where} must be a JSON object`);
  for (const key of Object.keys(document)) {
    if (key !== 'Version' && key !== 'Statement' && key !== 'Id') throw new PolicySyntaxError(`${where} has the element ${key}, which IAM does not know`);
  }
  const version = document.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    throw new PolicySyntaxError(`${where}.Version must be 2012-10-17 or 2008-10-17`);
  }
  const statements = document.Statement;
  if (statements === undefined) throw new PolicySyntaxError(`${where} has no Statement`);
  const list = Array.isArray(statements) ? statements : [statements];
  return {
    ...(version === undefined ? {} : { Version: version }),
    Statement: list.map((item, index) => statement(item, `${where}.Statement[${index}]`)),
  };
}
