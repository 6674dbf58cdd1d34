import type { WebAclConfig } from '../deployment/model';

/**
 * A web ACL's rate-based rules, evaluated as AWS WAF evaluates them in front of
 * a stage: every request from a client address counts, and once an address has
 * sent more than a rule's limit within the rule's window, the rule's action
 * applies to it (block ends the evaluation; count goes on to the next rule).
 * Requests are counted per second, so memory stays bounded by the window.
 */
interface AddressCounts {
  /** [second, requests in that second], oldest first. */
  seconds: Array<[number, number]>;
}

export class WebAclFirewall {
  private readonly addresses = new Map<string, AddressCounts>();
  private readonly longestWindow: number;

  constructor(
    private readonly acl: WebAclConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.longestWindow = Math.max(0, ...acl.rateRules.map((rule) => rule.windowSeconds));
  }

  /** Counts the request and says whether the web ACL lets it through. */
  admit(address: string): boolean {
    const second = Math.floor(this.now() / 1000);
    const counts = this.addresses.get(address) ?? { seconds: [] };
    this.addresses.set(address, counts);
    const last = counts.seconds[counts.seconds.length - 1];
    if (last && last[0] === second) last[1] += 1;
    else counts.seconds.push([second, 1]);
    while (counts.seconds.length > 0 && counts.seconds[0][0] <= second - this.longestWindow) counts.seconds.shift();
    if (this.addresses.size > 10_000) this.forgetIdle(second);

    for (const rule of this.acl.rateRules) {
      const since = second - rule.windowSeconds;
      const requests = counts.seconds.reduce((sum, [at, count]) => (at > since ? sum + count : sum), 0);
      if (requests > rule.limit && rule.action === 'block') return false;
    }
    return this.acl.defaultAction === 'allow';
  }

  private forgetIdle(second: number): void {
    for (const [address, counts] of this.addresses) {
      const newest = counts.seconds[counts.seconds.length - 1];
      if (!newest || newest[0] <= second - this.longestWindow) this.addresses.delete(address);
    }
  }
}
