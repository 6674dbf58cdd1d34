import { randomUUID } from 'node:crypto';
import type { LocalFunction } from './lambda/local-function';

/** What EventBridge sends a rule's target on a schedule. */
export function scheduledEvent(region: string, accountId: string, ruleName: string) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${accountId}:rule/${ruleName}`],
    detail: {},
  };
}

/** Invokes the rotation function every `intervalMs`, as the api stack's EventBridge rule does. */
export function scheduleRotation(
  rotation: LocalFunction,
  intervalMs: number,
  event: () => unknown,
  log: (line: string) => void,
): () => void {
  const timer = setInterval(() => {
    void rotation.invoke(event()).then((result) => {
      log(result.ok ? `Scheduled token rotation: ${JSON.stringify(result.result)}` : `Scheduled token rotation failed: ${result.error.errorMessage}`);
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
