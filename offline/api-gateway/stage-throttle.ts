import type { Throttle } from '../deployment/model';
import type { MethodSettings } from './method-settings';
import { TokenBucket } from './token-bucket';

/** API Gateway's account-level limits, which apply when the stage sets none. */
const accountDefault: Throttle = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * A stage's request throttling: the `*\/*` method settings for every method,
 * overridden by the settings of one method (`<resource path>/<METHOD>`, the
 * resource path without its leading slash).
 */
export class StageThrottle {
  private readonly stageBucket: TokenBucket;
  private readonly methodBuckets = new Map<string, TokenBucket>();

  constructor(throttles: Readonly<Record<string, Throttle>>) {
    const stageDefault = throttles['*/*'] ?? accountDefault;
    this.stageBucket = new TokenBucket(stageDefault.rateLimit, stageDefault.burstLimit);
    for (const [methodPath, throttle] of Object.entries(throttles)) {
      if (methodPath !== '*/*') this.methodBuckets.set(methodPath, new TokenBucket(throttle.rateLimit, throttle.burstLimit));
    }
  }

  take(method: MethodSettings): boolean {
    const key = `${method.operation.path.replace(/^\//, '')}/${method.operation.method.toUpperCase()}`;
    return (this.methodBuckets.get(key) ?? this.stageBucket).take();
  }
}
