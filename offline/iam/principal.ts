import type { Principal } from './policy';
import { undetermined, type Verdict } from './verdict';

/**
 * Principal / NotPrincipal of resource-based and trust policies. IAM has no
 * wildcards here other than a whole `*`, so everything else compares exactly.
 */

export type PrincipalType = 'AWS' | 'Federated' | 'Service';

export interface RequestPrincipal {
  type: PrincipalType;
  /** An ARN for AWS, a provider for Federated (e.g. cognito-identity.amazonaws.com), a service principal for Service. */
  id: string;
}

const PRINCIPAL_TYPES: readonly string[] = ['AWS', 'Federated', 'Service'];
const ACCOUNT_ID_SHAPE = /^\d{12}$/;
const ACCOUNT_ROOT_SHAPE = /^arn:[a-z-]+:iam::(\d{12}):root$/;
const ROLE_SHAPE = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ASSUMED_ROLE_SHAPE = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

function accountOf(arn: string): string | undefined {
  const fields = arn.split(':');
  return fields.length >= 6 && fields[0] === 'arn' ? fields[4] : undefined;
}

/** `"AWS": "<account>"` or its root ARN stands for every principal of the account. */
function awsValueMatches(value: string, principalArn: string): boolean {
  if (value === '*' || value === principalArn) return true;
  const account = ACCOUNT_ID_SHAPE.test(value) ? value : ACCOUNT_ROOT_SHAPE.exec(value)?.[1];
  if (account !== undefined) return accountOf(principalArn) === account;
  // A role ARN also names the sessions of that role.
  const role = ROLE_SHAPE.exec(value);
  const session = ASSUMED_ROLE_SHAPE.exec(principalArn);
  return role !== null && session !== null && role[1] === session[1] && role[2] === session[2] && role[3] === session[3];
}

function listOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  return undefined;
}

/** Whether the element names the request's principal. */
export function principalElementNames(element: Principal, principal: RequestPrincipal): Verdict {
  if (element === '*') return true;
  if (typeof element !== 'object' || element === null) return undetermined('Principal must be "*" or an object');
  let named = false;
  for (const [type, rawValues] of Object.entries(element)) {
    if (!PRINCIPAL_TYPES.includes(type)) return undetermined(`unsupported principal type '${type}'`);
    const values = listOf(rawValues);
    if (values === undefined) return undetermined(`the ${type} principal must be a string or a list of strings`);
    if (type === 'AWS' && values.includes('*')) named = true;
    if (type !== principal.type) continue;
    if (values.some((value) => (type === 'AWS' ? awsValueMatches(value, principal.id) : value === principal.id))) named = true;
  }
  return named;
}

export function describePrincipal(principal: RequestPrincipal): string {
  return `${principal.type}:${principal.id}`;
}
