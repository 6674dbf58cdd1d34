import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { callerRoleNames, executeApiStageArn, invokePolicy, type CallerRole } from '../../platform/caller-roles';
import { apiStage } from '../../platform/routes';
import { policyJson } from '../policy-json';

export interface CallerInvokePoliciesProps {
  /** The caller roles' names, from the identity stack. */
  roleNames: Record<CallerRole, string>;
  /** `arn:aws:execute-api:<region>:<account>:<apiId>`. */
  executionArn: string;
}

/**
 * Which API methods each caller role may invoke, attached to the roles the identity
 * stack created. Shop owners are scoped by `${aws:PrincipalTag/shopId}`, which
 * reaches IAM literally (escaped from Terraform as `$${...}`).
 */
export class CallerInvokePolicies extends Construct {
  constructor(scope: Construct, id: string, props: CallerInvokePoliciesProps) {
    super(scope, id);
    const stageArn = executeApiStageArn(props.executionArn, apiStage);
    for (const role of callerRoleNames) {
      new IamRolePolicy(this, role, {
        name: 'invoke-shop-platform-api',
        role: props.roleNames[role],
        policy: policyJson(invokePolicy(role, stageArn)),
      });
    }
  }
}
