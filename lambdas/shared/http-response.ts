import type { APIGatewayProxyResult } from 'aws-lambda';

/** Every answer is private, uncacheable JSON that browsers must not sniff into something else. */
const responseHeaders = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { ...responseHeaders }, body: JSON.stringify(body) };
}

export function errorResponse(statusCode: number, message: string): APIGatewayProxyResult {
  return jsonResponse(statusCode, { message });
}

export const internalServerError = (): APIGatewayProxyResult => errorResponse(500, 'Internal server error');
