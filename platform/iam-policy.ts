/**
 * The subset of the IAM policy grammar this project writes. The stacks attach
 * these documents unchanged and the offline runtime evaluates them, so both
 * forms of the platform enforce the very same text.
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
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}
