import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { MaskingLogFormatter } from './masking-log-formatter';

/**
 * One logger, tracer and metrics recorder per function container. Service
 * name, log level and metrics namespace come from the POWERTOOLS_* variables
 * that the function definitions set.
 */
export const logger = new Logger({ logFormatter: new MaskingLogFormatter() });

// Outside Lambda (tests, the offline runtime) the tracer switches itself off,
// so no X-Ray daemon is needed there.
export const tracer = new Tracer();

export const metrics = new Metrics();

export const metricNames = {
  ordersPlaced: 'OrdersPlaced',
  shopTokenRejected: 'ShopTokenRejected',
  shopTokenThrottled: 'ShopTokenThrottled',
  shopTokensRotated: 'ShopTokensRotated',
  idempotentReplays: 'IdempotentReplays',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

export function countMetric(name: MetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** Runs `work` in its own X-Ray subsegment when tracing is on; a plain call otherwise. */
export async function traced<T>(name: string, work: () => Promise<T>): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return work();
  const subsegment = parent.addNewSubsegment(`## ${name}`);
  tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) tracer.addErrorAsMetadata(error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}
