import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { MaskingLogFormatter } from './masking-log-formatter';

/**
 * One logger, tracer and metrics recorder per function container. Service
 * name, log level and metrics namespace come from the POWERTOOLS_* variables
 * that the function definitions set.
 */
export const logger = new Logger({ logFormatter: new MaskingLogFormatter() });

/**
 * The tracer, or `undefined` where tracing is switched off
 * (POWERTOOLS_TRACE_ENABLED=false, as offline). Its X-Ray SDK is then never
 * loaded: loading it costs about 70 ms of a cold start and enables an async
 * hook that follows every promise of every call, traced or not. Where tracing
 * may be on, Powertools decides as before (outside Lambda it switches itself
 * off, so no X-Ray daemon is needed in tests).
 */
export const tracer: Tracer | undefined = process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() === 'false' ? undefined : loadTracer();

function loadTracer(): Tracer {
  // A require of our own module, not an import: a bundle evaluates it (and the X-Ray SDK) only here.
  // Its own import of Powertools resolves to the same ES module build the logger and metrics use.
  const { createTracer } = require('./tracer') as typeof import('./tracer');
  return createTracer();
}

/** The client, captured for X-Ray where tracing may be on. */
export function traceClient<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

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
  const parent = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!tracer || !parent) return work();
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
