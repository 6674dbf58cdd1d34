import { createHash } from 'node:crypto';
import { callerRoleNames, executeApiStageArn, iamRoleName, invokePolicy, type CallerRole } from '../../platform/caller-roles';
import { functionPolicy } from '../../platform/functions';
import type { CallerPrincipal } from '../credentials/types';
import type { NamedPolicy, RequestContextInput } from '../iam';
import type { FunctionPrincipal } from './function-credentials';

/** Anyone a verified request can come from. */
export type RuntimePrincipal = CallerPrincipal | FunctionPrincipal;

/** The ARNs the platform's policies name, as the stacks would fill them in. */
export interface PolicyResources {
  prefix: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  tableArn: string;
  userPoolArn: string;
}

/**
 * The identity-based policies attached to each role, built from the same
 * definitions the stacks attach: caller roles get their `execute-api:Invoke`
 * policy, function roles their least-privilege policy. Root needs none.
 */
export class RolePolicies {
  private readonly callerRoleByName: Map<string, CallerRole>;

  constructor(private readonly resources: PolicyResources) {
    this.callerRoleByName = new Map(callerRoleNames.map((role) => [iamRoleName(resources.prefix, role), role]));
  }

  /** `undefined` for root, which IAM lets do anything in its own account. */
  policiesOf(principal: RuntimePrincipal): NamedPolicy[] | undefined {
    if (principal.kind === 'root') return undefined;
    if (principal.kind === 'function-role') {
      return [
        {
          name: `${principal.roleName}/least-privilege`,
          document: functionPolicy(principal.definition, {
            table: this.resources.tableArn,
            userPool: this.resources.userPoolArn,
          }),
        },
      ];
    }
    const role = this.callerRoleByName.get(principal.roleName);
    if (!role) return [];
    const stageArn = executeApiStageArn(
      `arn:aws:execute-api:${this.resources.region}:${this.resources.accountId}:${this.resources.apiId}`,
      this.resources.stage,
    );
    return [{ name: `${principal.roleName}/invoke-shop-platform-api`, document: invokePolicy(role, stageArn) }];
  }
}

const roleIdAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The role's unique id as IAM would show it (`AROA` + 17 characters), stable for a role name. */
export function roleId(roleName: string): string {
  const digest = createHash('sha256').update(roleName).digest();
  return `AROA${[...digest.subarray(0, 17)].map((byte) => roleIdAlphabet[byte % 32]).join('')}`;
}

/** `aws:userid` of a role session, which API Gateway also reports as its caller: `AROA…:<session name>`. */
export function sessionUserId(principal: Exclude<RuntimePrincipal, { kind: 'root' }>): string {
  return `${roleId(principal.roleName)}:${principal.arn.split('/').pop() ?? ''}`;
}

/** The global condition keys IAM sets for a principal: `aws:PrincipalTag/*`, `aws:PrincipalArn`, … */
export function principalContext(principal: RuntimePrincipal, accountId: string): RequestContextInput {
  if (principal.kind === 'root') {
    return { 'aws:PrincipalArn': principal.arn, 'aws:PrincipalAccount': accountId, 'aws:userid': accountId };
  }
  const context: Record<string, string> = {
    'aws:PrincipalArn': principal.roleArn,
    'aws:PrincipalAccount': accountId,
    'aws:userid': sessionUserId(principal),
  };
  if (principal.kind === 'assumed-role') {
    for (const [key, value] of Object.entries(principal.principalTags)) context[`aws:PrincipalTag/${key}`] = value;
  }
  return context;
}
