import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument } from '../../platform/iam-policy';
import { apiGatewayCloudWatchRoleName } from '../../platform/resource-names';
import { policyJson } from '../policy-json';

/**
 * API Gateway writes stage logs through one CloudWatch role per account and
 * region. Accounts that manage it elsewhere switch this construct off.
 * Destroying the stack resets the setting: by default the provider only forgets
 * it, which would leave the account pointing at the role destroyed with it.
 */
export class ApiGatewayAccountLogging extends Construct {
  readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: { prefix: string }) {
    super(scope, id);
    const role = new IamRole(this, 'role', {
      name: apiGatewayCloudWatchRoleName(props.prefix),
      assumeRolePolicy: policyJson(
        policyDocument({
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      ),
    });
    const attachment = new IamRolePolicyAttachment(this, 'push-logs', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    });
    this.account = new ApiGatewayAccount(this, 'account', {
      cloudwatchRoleArn: role.arn,
      resetOnDelete: true,
      dependsOn: [attachment],
    });
  }
}
