import { WebAclFirewall } from '../../../offline/api-gateway/web-acl';
import type { RateRuleConfig, WebAclConfig } from '../../../offline/deployment/model';

const acl = (rules: RateRuleConfig[], defaultAction: 'allow' | 'block' = 'allow'): WebAclConfig => ({
  address: 'api: aws_wafv2_web_acl.test',
  name: 'test',
  arn: 'arn:aws:wafv2:eu-central-1:000000000000:regional/webacl/test/x',
  defaultAction,
  rateRules: rules,
});
const rule = (limit: number, windowSeconds = 300, action: 'block' | 'count' = 'block'): RateRuleConfig => ({ name: 'rate', priority: 0, limit, windowSeconds, action });

describe('WebAclFirewall', () => {
  it('blocks an address once it has sent more than the limit within the window, and lets it back after', () => {
    let now = Date.parse('2026-11-30T10:00:00.000Z');
    const firewall = new WebAclFirewall(acl([rule(3, 60)]), () => now);
    expect([1, 2, 3, 4, 5].map(() => firewall.admit('192.0.2.1'))).toEqual([true, true, true, false, false]);
    expect(firewall.admit('192.0.2.2')).toBe(true);
    now += 59_000;
    expect(firewall.admit('192.0.2.1')).toBe(false);
    now += 2_000;
    expect(firewall.admit('192.0.2.1')).toBe(true);
  });

  it('counts blocked requests too, as AWS WAF does: a flood stays blocked while it goes on', () => {
    let now = 0;
    const firewall = new WebAclFirewall(acl([rule(2, 10)]), () => now);
    for (let second = 0; second < 30; second++) {
      now = second * 1000;
      firewall.admit('198.51.100.7');
    }
    expect(firewall.admit('198.51.100.7')).toBe(false);
  });

  it('lets a counting rule through, and applies the default action', () => {
    const counting = new WebAclFirewall(acl([rule(1, 300, 'count')]));
    expect([counting.admit('a'), counting.admit('a')]).toEqual([true, true]);
    expect(new WebAclFirewall(acl([], 'block')).admit('a')).toBe(false);
  });
});
