import type { Context } from 'aws-lambda';
import { logger, publishMetrics, traced } from './observability';

/**
 * The one observability frame every function runs in, behind the API or not:
 * Lambda's context and the operation in every log line, the work in its own
 * trace segment, metrics published and log keys reset however it ends.
 */
export async function instrumented<Result>(
  operationId: string,
  context: Context | undefined,
  keys: Record<string, unknown>,
  work: () => Promise<Result>,
): Promise<Result> {
  if (context) logger.addContext(context);
  logger.appendKeys({ operation: operationId, ...keys });
  try {
    return await traced(operationId, work);
  } finally {
    publishMetrics();
    logger.resetKeys();
  }
}
