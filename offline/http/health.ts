import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpResponse } from '../api-gateway/gateway-responses';
import { repositoryRoot } from '../repository-root';
import { jsonResponse } from './responses';

/**
 * `GET /_platform/health`: for scripts and CI that wait for the platform. It
 * answers only once everything is set up (before that the port answers 503),
 * with what is running and where its state is. Not an AWS API: the `_platform`
 * prefix keeps it clear of every stage and service path.
 */
export const healthPath = '/_platform/health';

export interface HealthFacts {
  endpoint: string;
  region: string;
  dataDirectory: string;
  stacksDirectory: string;
  startedAt: Date;
}

const versionOf = (packageJson: string) => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

export function healthResponse(request: { method: string }, facts: HealthFacts): HttpResponse {
  if (request.method !== 'GET') {
    return jsonResponse(405, { message: `${request.method} is not allowed on ${healthPath}; use GET` }, { allow: 'GET' });
  }
  const body = {
    status: 'ready',
    endpoint: facts.endpoint,
    region: facts.region,
    dataDirectory: facts.dataDirectory,
    stacksDirectory: facts.stacksDirectory,
    startedAt: facts.startedAt.toISOString(),
    versions: {
      platform: versionOf(join(repositoryRoot, 'package.json')),
      node: process.versions.node,
      dynalite: versionOf(require.resolve('dynalite/package.json')),
    },
  };
  return jsonResponse(200, body, { 'cache-control': 'no-store' });
}
