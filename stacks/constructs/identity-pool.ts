import { CognitoIdentityPool } from '@cdktf/provider-aws/lib/cognito-identity-pool';
import { CognitoIdentityPoolProviderPrincipalTag } from '@cdktf/provider-aws/lib/cognito-identity-pool-provider-principal-tag';
import { CognitoIdentityPoolRolesAttachment } from '@cdktf/provider-aws/lib/cognito-identity-pool-roles-attachment';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import {
  callerRoleNames,
  callerRoles,
  iamRoleName,
  identityPoolTrustPolicy,
  type CallerRole,
} from '../../platform/caller-roles';
import {
  ambiguousRoleResolution,
  defaultAuthenticatedRole,
  identityPool,
  identityPoolName,
  principalTags,
  roleMappingRules,
  unauthenticatedRole,
} from '../../platform/identity-pool';
import { policyJson } from '../policy-json';
import type { UserPool } from './user-pool';

/**
 * The identity pool: guests allowed, classic flow off, the user pool as provider,
 * principal tags from the user pool, and the four caller roles chosen by Rules on
 * the ID token's `custom:role`. The roles get their API policies in the api stack.
 */
export class IdentityPool extends Construct {
  readonly pool: CognitoIdentityPool;
  readonly roles: Record<CallerRole, IamRole>;

  constructor(scope: Construct, id: string, props: { prefix: string; userPool: UserPool }) {
    super(scope, id);
    const { pool: users, client } = props.userPool;
    this.pool = new CognitoIdentityPool(this, 'pool', {
      identityPoolName: identityPoolName(props.prefix),
      allowUnauthenticatedIdentities: identityPool.allowUnauthenticatedIdentities,
      allowClassicFlow: identityPool.allowClassicFlow,
      cognitoIdentityProviders: [
        { clientId: client.id, providerName: users.endpoint, serverSideTokenCheck: identityPool.serverSideTokenCheck },
      ],
    });

    new CognitoIdentityPoolProviderPrincipalTag(this, 'principal-tags', {
      identityPoolId: this.pool.id,
      identityProviderName: users.endpoint,
      principalTags: { ...principalTags },
      useDefaults: false,
    });

    const roles = {} as Record<CallerRole, IamRole>;
    for (const role of callerRoleNames) {
      roles[role] = new IamRole(this, `role-${role}`, {
        name: iamRoleName(props.prefix, role),
        description: callerRoles[role].description,
        assumeRolePolicy: policyJson(identityPoolTrustPolicy(role, this.pool.id)),
        maxSessionDuration: 3600,
      });
    }
    this.roles = roles;

    new CognitoIdentityPoolRolesAttachment(this, 'roles', {
      identityPoolId: this.pool.id,
      roles: {
        authenticated: roles[defaultAuthenticatedRole].arn,
        unauthenticated: roles[unauthenticatedRole].arn,
      },
      roleMapping: [
        {
          identityProvider: `${users.endpoint}:${client.id}`,
          type: 'Rules',
          ambiguousRoleResolution,
          mappingRule: roleMappingRules.map((rule) => ({
            claim: rule.claim,
            matchType: rule.matchType,
            value: rule.value,
            roleArn: roles[rule.role].arn,
          })),
        },
      ],
    });
  }
}
