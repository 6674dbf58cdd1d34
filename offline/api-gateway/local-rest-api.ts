import type { APIGatewayEventIdentity } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { ApiDocument } from '../../openapi/document';
import type { BufferedRequest } from '../http/buffered-request';
import type { InvocationResult } from '../lambda/local-function';
import { GatewayResponses, type GatewayResponseType, type HttpResponse } from './gateway-responses';
import { buildProxyEvent } from './proxy-event';
import { fromProxyResult } from './proxy-response';
import { parseQueryString } from './query-string';
import { parseRequestPath } from './request-path';
import { ApiGatewayRequestValidator } from './request-validation';
import { RouteTable } from './route-table';
import { TokenBucket } from './token-bucket';

/** Who a verified request comes from, as API Gateway reports it to the Lambda. */
export interface ApiCaller<Principal> {
  /** e.g. `arn:aws:sts::000000000000:assumed-role/<role>/CognitoIdentityCredentials`. */
  principalArn: string;
  /** What IAM evaluates. */
  principal: Principal;
  identity: APIGatewayEventIdentity;
}

export type Authentication<Principal> =
  | { ok: true; caller: ApiCaller<Principal> }
  | { ok: false; response: GatewayResponseType; message?: string };

export interface Authorization {
  allowed: boolean;
  explicitDeny: boolean;
}

export interface LocalRestApiOptions<Principal> {
  document: ApiDocument;
  apiId: string;
  region: string;
  accountId: string;
  stage: string;
  throttle: { rateLimit: number; burstLimit: number };
  /** Whether the request carries SigV4 material at all. */
  isSigned(request: BufferedRequest): boolean;
  /** Verifies the signature and names the caller. */
  authenticate(request: BufferedRequest): Promise<Authentication<Principal>>;
  /** Evaluates the caller's IAM policies for `execute-api:Invoke` on the method ARN. */
  authorize(caller: ApiCaller<Principal>, methodArn: string): Promise<Authorization>;
  /** Runs the function behind an operation. */
  invoke(operationId: string, event: unknown, requestId: string): Promise<InvocationResult>;
  now?: () => Date;
}

/**
 * The REST API as API Gateway serves it: route, authenticate (SigV4), authorize
 * (IAM, `execute-api:Invoke`), validate the request against the definition, then
 * call the Lambda with a REST proxy event and relay its answer.
 */
export class LocalRestApi<Principal> {
  private readonly routes: RouteTable;
  private readonly validator: ApiGatewayRequestValidator;
  private readonly responses: GatewayResponses;
  private readonly throttle: TokenBucket;

  constructor(private readonly options: LocalRestApiOptions<Principal>) {
    this.routes = new RouteTable(options.document);
    this.validator = new ApiGatewayRequestValidator(options.document);
    this.responses = new GatewayResponses(options.document);
    this.throttle = new TokenBucket(options.throttle.rateLimit, options.throttle.burstLimit);
  }

  /** The ARN IAM sees for a method call, e.g. `arn:aws:execute-api:eu-central-1:000000000000:abc123/prod/GET/products`. */
  methodArn(method: string, path: string): string {
    const { region, accountId, apiId, stage } = this.options;
    return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}${path}`;
  }

  gatewayResponse(type: GatewayResponseType, message?: string): HttpResponse {
    return this.responses.respond(type, message);
  }

  async handle(request: BufferedRequest): Promise<HttpResponse> {
    const { options } = this;
    const queryStart = request.url.indexOf('?');
    const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : request.url.slice(queryStart + 1);

    const path = parseRequestPath(rawPath);
    if (!path.ok) return this.responses.respond('BAD_REQUEST_PATH', `Invalid request path: ${path.reason}`);
    const route = path.stage === options.stage ? this.routes.match(request.method, path.segments) : undefined;
    if (!route || route.kind !== 'matched' || !options.isSigned(request)) {
      return this.responses.respond('MISSING_AUTHENTICATION_TOKEN');
    }
    if (!this.throttle.take()) return this.responses.respond('THROTTLED');

    const authentication = await options.authenticate(request);
    if (!authentication.ok) return this.responses.respond(authentication.response, authentication.message);
    const { caller } = authentication;
    const methodArn = this.methodArn(request.method, path.rawPath);
    const authorization = await options.authorize(caller, methodArn);
    if (!authorization.allowed) {
      const how = authorization.explicitDeny ? ' with an explicit deny' : '';
      return this.responses.respond(
        'ACCESS_DENIED',
        `User: ${caller.principalArn} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}${how}`,
      );
    }

    const query = parseQueryString(rawQuery);
    const invalid = this.validator.validate(route.operation, { query, headers: request.headers, body: request.body });
    if (invalid) {
      return this.responses.respond(invalid.startsWith('Missing') ? 'BAD_REQUEST_PARAMETERS' : 'BAD_REQUEST_BODY', invalid);
    }

    const requestId = randomUUID();
    const event = buildProxyEvent({
      operation: route.operation,
      method: request.method,
      stage: path.stage,
      path: path.rawPath,
      pathParameters: route.pathParameters,
      query,
      headers: request.headers,
      body: request.body,
      identity: { ...caller.identity, sourceIp: request.remoteAddress, userAgent: headerValue(request, 'user-agent') },
      apiId: options.apiId,
      accountId: options.accountId,
      requestId,
      now: options.now?.() ?? new Date(),
    });
    const operationId = route.operation.operation.operationId ?? '';
    const result = await options.invoke(operationId, event, requestId);
    // A function error, its timeout included (well under API Gateway's 29 s), is a 502.
    if (!result.ok) return this.responses.respond('INTEGRATION_FAILURE');
    const response = fromProxyResult(result.result);
    if (!response) return this.responses.respond('INTEGRATION_FAILURE');
    response.headers['x-amzn-requestid'] = requestId;
    return response;
  }
}

function headerValue(request: BufferedRequest, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
