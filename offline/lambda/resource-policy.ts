import type { FunctionConfig, FunctionPermission } from '../deployment/model';
import { evaluatePolicies, type Decision } from '../iam';
import type { PolicyDocument, PolicyStatement } from '../iam/policy';

/**
 * A function's resource-based policy, as Lambda builds it from AddPermission
 * (aws_lambda_permission): one statement per permission, the service as
 * principal, the source ARN and account as conditions.
 */
function statementOf(functionArn: string, permission: FunctionPermission): PolicyStatement {
  const conditions: Record<string, Record<string, string>> = {};
  if (permission.sourceArn !== undefined) conditions.ArnLike = { 'AWS:SourceArn': permission.sourceArn };
  if (permission.sourceAccount !== undefined) conditions.StringEquals = { 'AWS:SourceAccount': permission.sourceAccount };
  const principal = /^\d{12}$/.test(permission.principal) || permission.principal.startsWith('arn:')
    ? { AWS: permission.principal }
    : { Service: permission.principal };
  return {
    Sid: permission.statementId,
    Effect: 'Allow',
    Principal: permission.principal === '*' ? '*' : principal,
    Action: permission.action,
    Resource: functionArn,
    ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
  };
}

export function functionResourcePolicy(fn: FunctionConfig): PolicyDocument {
  return { Version: '2012-10-17', Statement: fn.permissions.map((permission) => statementOf(fn.arn, permission)) };
}

/**
 * Whether an AWS service may invoke the function on behalf of `sourceArn` (an
 * API Gateway method, an EventBridge rule): what Lambda checks before it runs
 * an invocation a service sends.
 */
export function serviceMayInvoke(fn: FunctionConfig, service: string, source: { arn: string; account: string }): Decision {
  return evaluatePolicies([{ name: `${fn.name} resource-based policy`, document: functionResourcePolicy(fn) }], {
    principal: { type: 'Service', id: service },
    action: 'lambda:InvokeFunction',
    resource: fn.arn,
    context: { 'aws:SourceArn': source.arn, 'aws:SourceAccount': source.account },
  });
}
