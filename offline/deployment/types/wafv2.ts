import { arns } from '../../aws/arns';
import type { BlockReader } from '../block-reader';
import type { RateRuleConfig } from '../model';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds } from './generated-ids';

/**
 * AWS WAF in front of a REST API stage. Offline, a web ACL's rate-based rules
 * keyed on the client IP are evaluated, as AWS WAF evaluates them before API
 * Gateway sees a request; AWS managed rule groups (AWS's own signatures of bad
 * input) are listed by `--explain` as not evaluated. Any other statement, or a
 * setting that changes which requests pass, stops the start.
 */
const noCloudWatch = 'there is no CloudWatch offline';
const managedRulesNotEvaluated =
  "AWS managed rule groups are AWS's own rules (known exploits, bad input): they are not evaluated offline, where only the web ACL's rate-based rules run";

function webAclId(scope: ResourceScope): string {
  return scope.generated('id', () => newIds.uuid());
}

function terminatingAction(block: BlockReader, key: string): 'allow' | 'block' | 'count' {
  const action = block.block(key);
  const kinds = (['allow', 'block', 'count'] as const).filter((kind) => action.has(kind));
  for (const kind of ['allow', 'block', 'count'] as const) {
    const inner = action.optionalBlock(kind);
    inner?.ignore('custom_request_handling', 'custom request headers are not added offline');
    inner?.ignore('custom_response', 'blocked requests get API Gateway\'s default "Forbidden" offline');
    inner?.finish();
  }
  action.refuse('captcha', 'CAPTCHA actions are not emulated offline');
  action.refuse('challenge', 'challenge actions are not emulated offline');
  action.finish();
  if (kinds.length !== 1) throw block.error(key, 'must hold exactly one of allow, block or count');
  return kinds[0];
}

/** One rule: its rate-based statement is evaluated; a managed rule group is listed as not evaluated; nothing else is accepted. */
function readRule(rule: BlockReader): RateRuleConfig | undefined {
  const name = rule.string('name');
  const priority = rule.number('priority');
  rule.ignore('visibility_config', noCloudWatch);
  rule.refuse('rule_label', 'labels are not emulated offline, so no rule could match on them');
  rule.refuse('captcha_config', 'CAPTCHA actions are not emulated offline');
  rule.refuse('challenge_config', 'challenge actions are not emulated offline');
  const statement = rule.block('statement');
  const managed = statement.has('managed_rule_group_statement');
  statement.ignore('managed_rule_group_statement', managedRulesNotEvaluated);
  const rate = statement.optionalBlock('rate_based_statement');
  statement.finish();
  if (managed) {
    if (rule.has('action')) throw rule.error('action', 'a rule group takes override_action, not action');
    const override = rule.block('override_action');
    override.skip('none', 'count');
    override.finish();
    rule.finish();
    return undefined;
  }
  if (!rate) throw rule.error('statement', 'only rate-based statements and AWS managed rule groups are emulated offline');
  const aggregate = rate.optionalString('aggregate_key_type') ?? 'IP';
  if (aggregate !== 'IP') throw rate.error('aggregate_key_type', 'only rate limits per client IP (IP) are emulated offline');
  rate.refuse('forwarded_ip_config', 'forwarded client addresses are not emulated offline');
  rate.refuse('scope_down_statement', 'scope-down statements are not emulated offline, so the rule would count other requests');
  rate.refuse('custom_key', 'custom aggregation keys are not emulated offline');
  const limit = rate.number('limit');
  const windowSeconds = rate.optionalNumber('evaluation_window_sec') ?? 300;
  rate.finish();
  rule.refuse('override_action', 'only rule groups take an override action');
  const action = terminatingAction(rule, 'action');
  if (action === 'allow') throw rule.error('action', 'a rate-based rule that allows is not emulated offline');
  rule.finish();
  return { name, priority, limit, windowSeconds, action };
}

export const wafv2WebAcl: EmulatedResourceType = {
  type: 'aws_wafv2_web_acl',
  emulated: true,
  computed: {
    id: webAclId,
    arn: (scope) => arns.regionalWebAcl(scope.account, scope.requiredString('name'), webAclId(scope)),
    capacity: () => 0,
    lock_token: (scope) => scope.generated('lock_token', () => newIds.uuid()),
  },
  read(scope, reader, parts) {
    if (reader.string('scope') !== 'REGIONAL') throw reader.error('scope', 'only REGIONAL web ACLs (in front of a REST API stage) are emulated offline');
    const name = reader.string('name');
    reader.skip('description', 'tags', 'name_prefix');
    reader.ignore('visibility_config', noCloudWatch);
    reader.ignore('custom_response_body', 'blocked requests get API Gateway\'s default "Forbidden" offline');
    reader.refuse('rule_json', 'rules are read from rule blocks offline; write them as rule blocks');
    reader.refuse('association_config', 'request body inspection limits are not emulated offline');
    reader.refuse('captcha_config', 'CAPTCHA actions are not emulated offline');
    reader.refuse('challenge_config', 'challenge actions are not emulated offline');
    reader.refuse('token_domains', 'CAPTCHA and challenge tokens are not emulated offline');
    const defaultAction = terminatingAction(reader, 'default_action');
    if (defaultAction === 'count') throw reader.error('default_action', 'must be allow or block');
    const rateRules = reader
      .blocks('rule')
      .map(readRule)
      .filter((rule): rule is RateRuleConfig => rule !== undefined)
      .sort((a, b) => a.priority - b.priority);
    parts.webAcls.push({ address: scope.block.address, name, arn: arns.regionalWebAcl(scope.account, name, webAclId(scope)), defaultAction, rateRules });
  },
};

export const wafv2WebAclAssociation: EmulatedResourceType = {
  type: 'aws_wafv2_web_acl_association',
  emulated: true,
  computed: {
    id: (scope) => `${scope.requiredString('web_acl_arn')},${scope.requiredString('resource_arn')}`,
  },
  read(scope, reader, parts) {
    parts.webAclAssociations.push({ address: scope.block.address, resourceArn: reader.string('resource_arn'), webAclArn: reader.string('web_acl_arn') });
  },
};
