import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiOperation } from '../../openapi/document';

/** Everything needed to build the REST (v1) proxy event API Gateway gives a Lambda. */
export interface ProxyEventInput {
  operation: ApiOperation;
  method: string;
  stage: string;
  stageVariables: Readonly<Record<string, string>>;
  /** Path after the stage, as received. */
  path: string;
  pathParameters: Record<string, string>;
  query: ReadonlyMap<string, readonly string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  identity: APIGatewayEventIdentity;
  apiId: string;
  accountId: string;
  requestId: string;
  now: Date;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `24/Nov/2026:10:15:00 +0000`, API Gateway's requestTime format. */
function requestTime(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:` +
    `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`
  );
}

function singleAndMulti(entries: Iterable<[string, readonly string[]]>) {
  const present = [...entries].filter(([, values]) => values.length > 0);
  // Object.fromEntries defines every name as an own property, `__proto__` included, as
  // the JSON event on AWS does; assigning `map['__proto__']` would set the prototype instead
  // and the parameter would vanish from the handler's view.
  return {
    // The single-value map holds the last value, as API Gateway's does.
    single: Object.fromEntries(present.map(([name, values]) => [name, values[values.length - 1]])) as Record<string, string>,
    multi: Object.fromEntries(present.map(([name, values]) => [name, [...values]])) as Record<string, string[]>,
  };
}

export function buildProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const headers = singleAndMulti(
    Object.entries(input.headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name, ([] as string[]).concat(value)]),
  );
  const query = singleAndMulti(input.query.entries());
  const hasQuery = Object.keys(query.single).length > 0;
  const host = headers.single.host ?? 'localhost';
  return {
    resource: input.operation.path,
    path: input.path,
    httpMethod: input.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: hasQuery ? query.single : null,
    multiValueQueryStringParameters: hasQuery ? query.multi : null,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? { ...input.pathParameters } : null,
    stageVariables: Object.keys(input.stageVariables).length > 0 ? { ...input.stageVariables } : null,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      authorizer: undefined,
      domainName: host,
      domainPrefix: host.split('.')[0],
      extendedRequestId: input.requestId,
      httpMethod: input.method,
      identity: input.identity,
      path: `/${input.stage}${input.path}`,
      protocol: 'HTTP/1.1',
      requestId: input.requestId,
      requestTime: requestTime(input.now),
      requestTimeEpoch: input.now.getTime(),
      resourceId: input.operation.operation.operationId ?? input.operation.path,
      resourcePath: input.operation.path,
      stage: input.stage,
    },
    body: input.body.length > 0 ? input.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}
