import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import { tokenRotationRuleName } from '../../platform/resource-names';
import type { NodejsFunction } from './nodejs-function';

export interface TokenRotationScheduleProps {
  prefix: string;
  rotation: NodejsFunction;
  scheduleExpression: string;
}

/**
 * Rotates every shop's token on a schedule, and once right after the first deploy
 * so seeded shops get a token (the seed holds none: no token is ever in the repo).
 */
export class TokenRotationSchedule extends Construct {
  constructor(scope: Construct, id: string, props: TokenRotationScheduleProps) {
    super(scope, id);
    const rule = new CloudwatchEventRule(this, 'rule', {
      name: tokenRotationRuleName(props.prefix),
      description: "Rotates every shop's token",
      scheduleExpression: props.scheduleExpression,
    });
    new CloudwatchEventTarget(this, 'target', {
      rule: rule.name,
      arn: props.rotation.function.arn,
    });
    new LambdaPermission(this, 'invoke', {
      statementId: 'AllowRotationSchedule',
      action: 'lambda:InvokeFunction',
      functionName: props.rotation.function.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
    new LambdaInvocation(this, 'first-rotation', {
      functionName: props.rotation.function.functionName,
      input: JSON.stringify({ source: 'deployment', detail: 'first rotation' }),
    });
  }
}
