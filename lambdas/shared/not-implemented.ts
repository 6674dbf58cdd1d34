import type { APIGatewayProxyResult } from 'aws-lambda';

/** Placeholder answer until the real handler lands: a clear 501, never a crash. */
export function notImplemented(operation: string): () => Promise<APIGatewayProxyResult> {
  return async () => ({
    statusCode: 501,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: JSON.stringify({ message: `${operation} is not implemented yet` }),
  });
}
