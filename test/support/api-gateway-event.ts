import { randomUUID } from 'node:crypto';
import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';

/**
 * REST API (v1) proxy events as API Gateway builds them for AWS_IAM routes,
 * with `requestContext.identity` filled the way it is for callers signing with
 * Cognito identity-pool credentials.
 */
export const testAccountId = '123456789012';
export const testRegionName = 'eu-central-1';
export const testUserPoolId = `${testRegionName}_TestPool1`;
const identityPoolId = `${testRegionName}:6f3c5a0e-1f0b-4d6e-9d7a-0c1b2a3d4e5f`;
const userPoolProvider = `cognito-idp.${testRegionName}.amazonaws.com/${testUserPoolId}`;

export type TestIdentity =
  | { kind: 'guest'; identityUuid: string }
  | { kind: 'user'; sub: string; identityUuid?: string; role?: string }
  | { kind: 'none' }
  | { kind: 'custom'; identity: Partial<APIGatewayEventIdentity> };

export const guest = (identityUuid: string = randomUUID()): TestIdentity => ({ kind: 'guest', identityUuid });
export const user = (sub: string, role = 'AuthenticatedDefaultRole'): TestIdentity => ({ kind: 'user', sub, role });
export const anonymous: TestIdentity = { kind: 'none' };

function blankIdentity(): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: '203.0.113.10',
    user: null,
    userAgent: 'aws-sdk-js/3 test',
    userArn: null,
  };
}

export function requestIdentity(identity: TestIdentity): APIGatewayEventIdentity {
  const base = blankIdentity();
  switch (identity.kind) {
    case 'none':
      return base;
    case 'custom':
      return { ...base, ...identity.identity };
    case 'guest':
    case 'user': {
      const identityUuid = identity.identityUuid ?? randomUUID();
      const role = identity.kind === 'guest' ? 'UnauthenticatedRole' : identity.role;
      const roleSession = `AROAEXAMPLEROLEID:CognitoIdentityCredentials`;
      return {
        ...base,
        accessKey: 'ASIAEXAMPLEACCESSKEY',
        accountId: testAccountId,
        caller: roleSession,
        user: roleSession,
        userArn: `arn:aws:sts::${testAccountId}:assumed-role/shop-platform-IdentityPool-${role}/CognitoIdentityCredentials`,
        cognitoIdentityPoolId: identityPoolId,
        cognitoIdentityId: `${testRegionName}:${identityUuid}`,
        cognitoAuthenticationType: identity.kind === 'guest' ? 'unauthenticated' : 'authenticated',
        cognitoAuthenticationProvider:
          identity.kind === 'guest' ? null : `${userPoolProvider},${userPoolProvider}:CognitoSignIn:${identity.sub}`,
      };
    }
  }
}

export interface EventOptions {
  method: 'GET' | 'POST';
  /** The OpenAPI path template, e.g. `/shop/{id}/orders`. */
  resource: string;
  pathParameters?: Record<string, string>;
  /** A list gives a parameter several times, as `?a=1&a=2` would. */
  query?: Record<string, string | string[]>;
  /** A list sends a header several times. */
  headers?: Record<string, string | string[]>;
  body?: string | null;
  isBase64Encoded?: boolean;
  identity: TestIdentity;
}

export function apiGatewayEvent(options: EventOptions): APIGatewayProxyEvent {
  const path = options.resource.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(options.pathParameters?.[name] ?? ''),
  );
  const queryLists = Object.entries(options.query ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value : [value]] as const);
  const headerLists = Object.entries({ Host: 'example.execute-api.eu-central-1.amazonaws.com', ...options.headers }).map(
    ([name, value]) => [name, Array.isArray(value) ? value : [value]] as const,
  );
  const requestId = randomUUID();
  const now = Date.now();
  return {
    resource: options.resource,
    path,
    httpMethod: options.method,
    // API Gateway keeps the last value of a repeated parameter or header here, and all of them in the multi-value maps.
    headers: Object.fromEntries(headerLists.map(([name, values]) => [name, values[values.length - 1]])),
    multiValueHeaders: Object.fromEntries(headerLists.map(([name, values]) => [name, [...values]])),
    queryStringParameters: queryLists.length
      ? Object.fromEntries(queryLists.map(([name, values]) => [name, values[values.length - 1]]))
      : null,
    multiValueQueryStringParameters: queryLists.length
      ? Object.fromEntries(queryLists.map(([name, values]) => [name, [...values]]))
      : null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: testAccountId,
      apiId: 'example',
      authorizer: null,
      domainName: 'example.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'example',
      extendedRequestId: `ext-${requestId}`,
      httpMethod: options.method,
      identity: requestIdentity(options.identity),
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      resourceId: 'abc123',
      resourcePath: options.resource,
      stage: 'prod',
    },
  };
}

/** A JSON POST, the way a client sends one. */
export function jsonPost(resource: string, body: unknown, identity: TestIdentity, extra: Partial<EventOptions> = {}) {
  return apiGatewayEvent({
    method: 'POST',
    resource,
    identity,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...extra,
    headers: { 'Content-Type': 'application/json', ...extra.headers },
  });
}
