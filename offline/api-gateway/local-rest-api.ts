import type { APIGatewayEventIdentity } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { arns } from '../aws/arns';
import type { RestApiConfig, StageConfig } from '../deployment/model';
import type { BufferedRequest } from '../http/buffered-request';
import type { InvocationResult } from '../lambda/local-function';
import { GatewayResponses, type GatewayResponseType, type HttpResponse } from './gateway-responses';
import { readMethodSettings, type MethodSettings } from './method-settings';
import { buildProxyEvent } from './proxy-event';
import { fromProxyResult } from './proxy-response';
import { parseQueryString } from './query-string';
import { parseRequestPath } from './request-path';
import { ApiGatewayRequestValidator } from './request-validation';
import { RouteTable } from './route-table';
import { StageThrottle } from './stage-throttle';
import { WebAclFirewall } from './web-acl';

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

/** What running an integration came to: the function's result, or API Gateway not being allowed to invoke it. */
export type IntegrationResult = InvocationResult | { ok: false; notPermitted: string };

export interface LocalRestApiOptions<Principal> {
  api: RestApiConfig;
  stages: readonly StageConfig[];
  region: string;
  accountId: string;
  /** Whether the request carries SigV4 material at all. */
  isSigned(request: BufferedRequest): boolean;
  /** Verifies the signature and names the caller. */
  authenticate(request: BufferedRequest): Promise<Authentication<Principal>>;
  /** Evaluates the caller's IAM policies for `execute-api:Invoke` on the method ARN. */
  authorize(caller: ApiCaller<Principal>, methodArn: string): Promise<Authorization>;
  /**
   * Invokes the integration's function on behalf of `sourceArn`
   * (`<execute-api ARN>/<stage>/<METHOD>/<resource path>`), which the function's
   * resource-based policy must allow.
   */
  invoke(functionArn: string, sourceArn: string, event: unknown, requestId: string): Promise<IntegrationResult>;
  /** Where API Gateway's own failures are written (its execution log). */
  log?: (line: string) => void;
  /** One line per request, as a stage's access log. */
  accessLog?: (line: string) => void;
  now?: () => Date;
}

/** Requests with no identity: the proxy event's identity for a NONE method. */
const anonymousIdentity: APIGatewayEventIdentity = {
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
  sourceIp: '',
  user: null,
  userAgent: null,
  userArn: null,
};

/**
 * The REST API as API Gateway serves it from the body the stacks deploy: route,
 * authenticate (SigV4) and authorize (IAM, `execute-api:Invoke`) methods that
 * are AWS_IAM, validate what the method's validator checks, then invoke the
 * integration's function — if its resource-based policy lets this API — with a
 * REST proxy event, and relay its answer.
 */
export class LocalRestApi<Principal> {
  private readonly routes: RouteTable;
  private readonly validator: ApiGatewayRequestValidator;
  private readonly responses: GatewayResponses;
  private readonly throttles = new Map<string, StageThrottle>();
  private readonly firewalls = new Map<string, WebAclFirewall>();

  constructor(private readonly options: LocalRestApiOptions<Principal>) {
    const { document } = options.api;
    this.routes = new RouteTable(readMethodSettings(document, options.api.address));
    this.validator = new ApiGatewayRequestValidator(document);
    this.responses = new GatewayResponses(document);
    for (const stage of options.stages) {
      this.throttles.set(stage.name, new StageThrottle(stage.throttles));
      if (stage.webAcl) this.firewalls.set(stage.name, new WebAclFirewall(stage.webAcl, () => options.now?.().getTime() ?? Date.now()));
    }
  }

  get stageNames(): string[] {
    return this.options.stages.map((stage) => stage.name);
  }

  /** The ARN IAM sees for a method call, e.g. `arn:aws:execute-api:eu-central-1:000000000000:abc123/prod/GET/products`. */
  methodArn(stage: string, method: string, path: string): string {
    return arns.executeApiMethod(this.options, this.options.api.id, stage, method, path);
  }

  gatewayResponse(type: GatewayResponseType, message?: string): HttpResponse {
    return this.responses.respond(type, message);
  }

  /** Answers one request, and writes its access line: time, caller, method, path, status, milliseconds. */
  async handle(request: BufferedRequest): Promise<HttpResponse> {
    const started = performance.now();
    const seen: { caller?: string } = {};
    const response = await this.answer(request, seen);
    this.options.accessLog?.(
      `${new Date().toISOString()} ${seen.caller ?? '-'} ${request.method} ${request.url.split('?')[0]} ${response.status} ${(performance.now() - started).toFixed(0)}ms`,
    );
    return response;
  }

  private async answer(request: BufferedRequest, seen: { caller?: string }): Promise<HttpResponse> {
    const { options } = this;
    const queryStart = request.url.indexOf('?');
    const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : request.url.slice(queryStart + 1);

    const path = parseRequestPath(rawPath);
    if (!path.ok) return this.responses.respond('BAD_REQUEST_PATH', `Invalid request path: ${path.reason}`);
    const stage = options.stages.find((candidate) => candidate.name === path.stage);
    // The stage's web ACL (AWS WAF) sees every request first, signed or not.
    if (stage && !(this.firewalls.get(stage.name)?.admit(request.remoteAddress) ?? true)) return this.responses.respond('WAF_FILTERED');
    const route = stage ? this.routes.match(request.method, path.segments) : undefined;
    if (!stage || !route || route.kind !== 'matched') return this.responses.respond('MISSING_AUTHENTICATION_TOKEN');
    const { method } = route;
    const signed = method.authorization === 'AWS_IAM';
    if (signed && !options.isSigned(request)) return this.responses.respond('MISSING_AUTHENTICATION_TOKEN');
    const throttle = () => this.throttles.get(stage.name)?.take(method) ?? true;
    if (!signed && !throttle()) return this.responses.respond('THROTTLED');

    let identity: APIGatewayEventIdentity = anonymousIdentity;
    if (signed) {
      const authentication = await options.authenticate(request);
      if (!authentication.ok) return this.responses.respond(authentication.response, authentication.message);
      // Only callers with valid credentials spend the bucket they share: on AWS, the web ACL's
      // rate rule keeps anyone else from draining it; offline they never reach it.
      if (!throttle()) return this.responses.respond('THROTTLED');
      const { caller } = authentication;
      seen.caller = callerLabel(caller.principalArn);
      const methodArn = this.methodArn(stage.name, request.method, path.canonicalPath);
      const authorization = await options.authorize(caller, methodArn);
      if (!authorization.allowed) {
        const how = authorization.explicitDeny ? ' with an explicit deny' : '';
        return this.responses.respond(
          'ACCESS_DENIED',
          `User: ${caller.principalArn} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}${how}`,
        );
      }
      identity = caller.identity;
    }

    const { integration } = method;
    if (integration.kind === 'mock') {
      return { status: integration.status, headers: { 'content-type': 'application/json', ...integration.headers }, body: Buffer.from(integration.body) };
    }

    const query = parseQueryString(rawQuery);
    const invalid = this.validator.validate(
      method.operation,
      { parameters: method.validateParameters, body: method.validateBody },
      { query, headers: request.headers, body: request.body },
    );
    if (invalid) {
      return this.responses.respond(invalid.startsWith('Missing') ? 'BAD_REQUEST_PARAMETERS' : 'BAD_REQUEST_BODY', invalid);
    }

    const requestId = randomUUID();
    const event = buildProxyEvent({
      operation: method.operation,
      method: request.method,
      stage: stage.name,
      stageVariables: stage.variables,
      path: path.rawPath,
      pathParameters: route.pathParameters,
      query,
      headers: request.headers,
      body: request.body,
      identity: { ...identity, sourceIp: request.remoteAddress, userAgent: headerValue(request, 'user-agent') },
      apiId: options.api.id,
      accountId: options.accountId,
      requestId,
      now: options.now?.() ?? new Date(),
    });
    // Lambda sees the method's resource path (`/order/{id}`) in the source ARN, as permissions name it.
    const sourceArn = this.methodArn(stage.name, request.method, method.operation.path);
    const result = await options.invoke(integration.functionArn, sourceArn, event, requestId);
    if (!result.ok && 'notPermitted' in result) {
      options.log?.(`Execution failed due to configuration error: Invalid permissions on Lambda function (${result.notPermitted})`);
      return this.responses.respond('API_CONFIGURATION_ERROR');
    }
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

export type { MethodSettings };

/** `role/session` of an assumed-role ARN (the caller as a person reads it), or the ARN itself. */
function callerLabel(principalArn: string): string {
  const assumed = /:assumed-role\/([^/]+)\/(.+)$/.exec(principalArn);
  return assumed ? `${assumed[1]}/${assumed[2]}` : principalArn;
}
