import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Powertools' tracer, with the X-Ray SDK it loads. Only observability.ts
 * requires this file, and only where tracing may be on, so a bundle evaluates
 * the X-Ray SDK only then.
 */
export function createTracer(): Tracer {
  return new Tracer();
}
