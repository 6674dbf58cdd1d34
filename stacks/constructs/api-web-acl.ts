import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Construct } from 'constructs';
import { webAclMetricNames, webAclName } from '../../platform/resource-names';

export interface ApiWebAclProps {
  prefix: string;
  /** The stage the web ACL protects. */
  stageArn: string;
  /** Requests one client IP may send in any five minutes. */
  rateLimitPerIp: number;
}

/** How long the rate-based rule looks back, in seconds (AWS WAF's default window). */
export const rateWindowSeconds = 300;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * AWS WAF in front of the stage. API Gateway counts a request against the
 * stage's throttle before it checks the signature, so without this anyone could
 * spend the bucket signed callers share with unsigned or forged requests. A
 * rate-based rule blocks a client IP that sends more than the limit in five
 * minutes, before API Gateway sees its requests, and AWS's common rule set
 * blocks known-bad input (oversized bodies, exploit patterns).
 */
export class ApiWebAcl extends Construct {
  readonly acl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    const metrics = webAclMetricNames(props.prefix);
    this.acl = new Wafv2WebAcl(this, 'acl', {
      name: webAclName(props.prefix),
      description: 'Rate limit per client IP and AWS managed common rules for the shop platform API',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [
        {
          name: 'RateLimitPerClientIp',
          priority: 0,
          action: { block: {} },
          // `statement` is untyped in the provider binding: its keys are Terraform's own.
          statement: {
            rate_based_statement: { limit: props.rateLimitPerIp, aggregate_key_type: 'IP', evaluation_window_sec: rateWindowSeconds },
          },
          visibilityConfig: visibility(metrics.ratePerIp),
        },
        {
          name: 'AwsManagedCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
          visibilityConfig: visibility(metrics.commonRules),
        },
      ],
      visibilityConfig: visibility(metrics.acl),
    });
    new Wafv2WebAclAssociation(this, 'stage', { resourceArn: props.stageArn, webAclArn: this.acl.arn });
  }
}
