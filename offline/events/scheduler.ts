import { randomUUID } from 'node:crypto';
import type { ScheduleConfig } from '../deployment/model';
import type { InvocationResult } from '../lambda/local-function';

/** What EventBridge sends a rule's target on a schedule. */
export function scheduledEvent(region: string, accountId: string, ruleArn: string, now: Date = new Date()) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArn],
    detail: {},
  };
}

export type TargetInvocation = InvocationResult | { ok: false; notPermitted: string };

export interface SchedulerOptions {
  schedules: readonly ScheduleConfig[];
  region: string;
  accountId: string;
  /** Invokes a target on behalf of the rule; the function's resource-based policy must allow EventBridge. */
  invoke(functionArn: string, ruleArn: string, event: unknown): Promise<TargetInvocation>;
  log(line: string): void;
}

/**
 * The stacks' EventBridge schedules: every `rate()` rule that is enabled
 * invokes its Lambda targets with their `input`, or with the scheduled event.
 * A failure is logged (EventBridge would count a FailedInvocation).
 */
export function startSchedules(options: SchedulerOptions): () => void {
  const timers = options.schedules
    .filter((schedule) => schedule.enabled && schedule.targets.length > 0)
    .map((schedule) => {
      const timer = setInterval(() => {
        for (const target of schedule.targets) {
          const event = target.input === undefined ? scheduledEvent(options.region, options.accountId, schedule.ruleArn) : JSON.parse(target.input);
          void options.invoke(target.functionArn, schedule.ruleArn, event).then((result) => {
            const what = `Scheduled rule ${schedule.ruleName} → ${target.functionArn}`;
            if (result.ok) options.log(`${what}: ${JSON.stringify(result.result)}`);
            else if ('notPermitted' in result) options.log(`${what} failed: ${result.notPermitted}`);
            else options.log(`${what} failed: ${result.error.errorMessage}`);
          });
        }
      }, schedule.intervalMs);
      timer.unref();
      return timer;
    });
  return () => timers.forEach((timer) => clearInterval(timer));
}
