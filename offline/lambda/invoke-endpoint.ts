import { arns } from '../aws/arns';
import type { Authenticator } from '../authorization/authenticator';
import type { IamAuthorizer } from '../authorization/iam-authorizer';
import { accessDenied, awsJsonErrorFor } from '../authorization/refusals';
import type { AwsServiceError } from '../aws-json/errors';
import type { HttpResponse } from '../api-gateway/gateway-responses';
import type { BufferedRequest } from '../http/buffered-request';
import type { InvocationResult } from './local-function';
import { parseBoundedJson } from '../http/bounded-json';

/**
 * Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`), as
 * `aws lambda invoke` and the SDK's LambdaClient call it: the signature is
 * verified (service `lambda`) and IAM must allow `lambda:InvokeFunction` on the
 * function. RequestResponse, Event and DryRun invocation types; a function
 * error answers 200 with `X-Amz-Function-Error: Unhandled`, as Lambda does.
 */
export const invokePathPattern = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?(.*))?$/;

/** Lambda accepts synchronous payloads up to 6 MB. */
const maxPayloadBytes = 6 * 1024 * 1024;

export interface InvokeEndpointOptions {
  region: string;
  accountId: string;
  authenticator: Authenticator;
  authorizer: IamAuthorizer;
  /** The stacks' function with this name, if any. */
  functionNamed(name: string): { invoke(event: unknown): Promise<InvocationResult> } | undefined;
}

function lambdaError(status: number, type: string, message: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: Buffer.from(JSON.stringify({ Type: 'User', message })),
  };
}

const fromServiceError = (error: AwsServiceError) =>
  lambdaError(error.code === 'AccessDeniedException' ? 403 : error.statusCode, error.code, error.message);

/** The function name from a name, a full ARN or a partial ARN (`<account>:function:<name>`), and its qualifier. */
function parseFunctionName(raw: string, accountId: string): { name: string; qualifier?: string } | undefined {
  const full = /^arn:aws:lambda:[a-z0-9-]+:(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/.exec(raw);
  if (full) return full[1] === accountId ? { name: full[2], qualifier: full[3] } : undefined;
  const partial = /^(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/.exec(raw);
  if (partial) return partial[1] === accountId ? { name: partial[2], qualifier: partial[3] } : undefined;
  const plain = /^([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9$_-]+))?$/.exec(raw);
  return plain ? { name: plain[1], qualifier: plain[2] } : undefined;
}

export class LambdaInvokeEndpoint {
  constructor(private readonly options: InvokeEndpointOptions) {}

  matches(request: BufferedRequest): boolean {
    return request.method === 'POST' && invokePathPattern.test(request.url);
  }

  async handle(request: BufferedRequest): Promise<HttpResponse> {
    const { region, accountId } = this.options;
    const authenticated = await this.options.authenticator.authenticate(request, ['lambda']);
    if (!authenticated.ok) return fromServiceError(awsJsonErrorFor(authenticated));

    const [, rawName = '', rawQuery = ''] = invokePathPattern.exec(request.url) ?? [];
    const query = new URLSearchParams(rawQuery);
    let decodedName: string;
    try {
      decodedName = decodeURIComponent(rawName);
    } catch {
      return lambdaError(400, 'InvalidParameterValueException', `${rawName} is not a valid function name`);
    }
    const parsed = parseFunctionName(decodedName, accountId);
    const qualifier = query.get('Qualifier') ?? parsed?.qualifier;
    const functionArn = arns.function({ accountId, region }, parsed?.name ?? decodedName);
    const fn = parsed && this.options.functionNamed(parsed.name);
    if (!parsed || !fn || (qualifier !== undefined && qualifier !== '$LATEST')) {
      return lambdaError(404, 'ResourceNotFoundException', `Function not found: ${functionArn}${qualifier ? `:${qualifier}` : ''}`);
    }

    const decision = this.options.authorizer.authorize(authenticated.principal, 'lambda:InvokeFunction', functionArn);
    if (!decision.allowed) {
      return fromServiceError(accessDenied(authenticated.principal.arn, 'lambda:InvokeFunction', functionArn, decision.explicitDeny, decision.deniedBy));
    }

    const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
      return lambdaError(400, 'InvalidParameterValueException', `Unsupported invocation type ${invocationType}; use RequestResponse, Event or DryRun`);
    }
    if (request.body.length > maxPayloadBytes) {
      return lambdaError(413, 'RequestTooLargeException', `Request must be smaller than ${maxPayloadBytes} bytes for the InvokeFunction operation`);
    }
    let event: unknown = {};
    if (request.body.toString('utf8').trim() !== '') {
      const bounded = parseBoundedJson(request.body);
      if (!bounded.ok) return lambdaError(400, 'InvalidRequestContentException', `Could not parse request body into json: ${bounded.reason}`);
      event = bounded.value;
    }
    if (invocationType === 'DryRun') return { status: 204, headers: {}, body: Buffer.alloc(0) };
    if (invocationType === 'Event') {
      // Lambda queues the event and answers at once; a failure is only in the function's log.
      void fn.invoke(event).catch(() => undefined);
      return { status: 202, headers: {}, body: Buffer.alloc(0) };
    }
    const result = await fn.invoke(event);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' };
    if (result.ok) return { status: 200, headers, body: Buffer.from(JSON.stringify(result.result ?? null)) };
    const { errorType, errorMessage, stack } = result.error;
    return {
      status: 200,
      headers: { ...headers, 'x-amz-function-error': 'Unhandled' },
      body: Buffer.from(JSON.stringify({ errorType, errorMessage, trace: stack ?? [] })),
    };
  }
}
