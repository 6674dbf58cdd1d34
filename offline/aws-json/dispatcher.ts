import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError, isAwsServiceError } from './errors';
import { headerValue, mediaType, readNodeRequest, writeNodeResponse, type HttpRequestData, type HttpResponseData } from './http';
import type { AuthorizeHook, AuthorizedCaller, AwsCallInfo, AwsJsonService, AwsOperation, JsonObject } from './service';
import { parseBoundedJson } from '../http/bounded-json';

const jsonMediaTypes = ['application/x-amz-json-1.1', 'application/x-amz-json-1.0'];

export interface ErrorLogger {
  error(message: string): void;
}

export interface AwsJsonDispatcherOptions {
  services: readonly AwsJsonService[];
  /** Called for every signed operation before its handler: SigV4 verification and IAM evaluation. */
  authorize: AuthorizeHook;
  logger: ErrorLogger;
}

export interface AwsJsonDispatcher {
  /** Whether a request is meant for this dispatcher: AWS JSON requests name their operation in `X-Amz-Target`. */
  accepts(headers: IncomingHttpHeaders): boolean;
  handle(request: HttpRequestData): Promise<HttpResponseData>;
  /** Reads the body, dispatches and answers; for servers that mount a Node handler. */
  serveNode(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export function awsJsonErrorResponse(error: AwsServiceError, requestId: string, contentType = jsonMediaTypes[0]): HttpResponseData {
  return {
    statusCode: error.statusCode,
    headers: {
      'Content-Type': contentType,
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': error.code,
    },
    body: JSON.stringify({ __type: error.code, message: error.message, ...error.details }),
  };
}

function unknownOperation(message: string): AwsServiceError {
  return new AwsServiceError('UnknownOperationException', message);
}

function parseBody(body: Buffer): JsonObject {
  if (body.toString('utf8').trim() === '') return {};
  const bounded = parseBoundedJson(body);
  if (!bounded.ok) throw new AwsServiceError('SerializationException', `Request body is not valid JSON: ${bounded.reason}`);
  const parsed = bounded.value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'Request body must be a JSON object');
  }
  return parsed as JsonObject;
}

export function createAwsJsonDispatcher(options: AwsJsonDispatcherOptions): AwsJsonDispatcher {
  const services = new Map<string, AwsJsonService>();
  for (const service of options.services) services.set(service.targetPrefix, service);

  function resolve(target: string | undefined): { service: AwsJsonService; name: string; operation: AwsOperation } {
    if (!target) throw unknownOperation('Missing X-Amz-Target header: AWS JSON requests must name <ServicePrefix>.<Operation>');
    const dot = target.lastIndexOf('.');
    const prefix = dot > 0 ? target.slice(0, dot) : target;
    const name = dot > 0 ? target.slice(dot + 1) : '';
    const service = services.get(prefix);
    if (!service) {
      throw unknownOperation(`Service '${prefix}' (X-Amz-Target ${target}) is not supported by the offline runtime`);
    }
    // Own properties only: a target such as `<prefix>.constructor` must not reach Object.prototype.
    const operation = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined;
    if (!operation) {
      throw unknownOperation(`Operation ${service.signingName}:${name || '(none)'} is not supported by the offline runtime`);
    }
    return { service, name, operation };
  }

  async function dispatch(request: HttpRequestData, requestId: string, contentType: string): Promise<HttpResponseData> {
    if (request.method !== 'POST') {
      throw unknownOperation(`AWS JSON requests must use POST, not ${request.method}`);
    }
    const type = mediaType(request.headers);
    if (!type || !jsonMediaTypes.includes(type)) {
      throw new AwsServiceError(
        'SerializationException',
        `Unsupported Content-Type ${type ?? '(none)'}: use ${jsonMediaTypes.join(' or ')}`,
      );
    }
    const { service, name, operation } = resolve(headerValue(request.headers, 'x-amz-target'));
    const input = parseBody(request.body);

    let caller: AuthorizedCaller | undefined;
    if (operation.signed) {
      const call: AwsCallInfo = {
        requestId,
        signingName: service.signingName,
        targetPrefix: service.targetPrefix,
        operation: name,
        iamAction: operation.iamAction,
        resourceArn: operation.resourceArn(input),
        input,
        request,
      };
      const verdict = await options.authorize(call);
      if (isAwsServiceError(verdict)) throw verdict;
      caller = verdict;
    }

    const output = await operation.handler(input, { requestId, caller });
    return {
      statusCode: 200,
      headers: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId },
      body: JSON.stringify(output),
    };
  }

  async function handle(request: HttpRequestData): Promise<HttpResponseData> {
    const requestId = randomUUID();
    const type = mediaType(request.headers);
    const contentType = type && jsonMediaTypes.includes(type) ? type : jsonMediaTypes[0];
    try {
      return await dispatch(request, requestId, contentType);
    } catch (error: unknown) {
      if (isAwsServiceError(error)) return awsJsonErrorResponse(error, requestId, contentType);
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      options.logger.error(`AWS JSON request ${requestId} (${headerValue(request.headers, 'x-amz-target') ?? '?'}) failed: ${detail}`);
      return awsJsonErrorResponse(
        new AwsServiceError('InternalFailure', `The offline runtime failed to process request ${requestId}; see its log`, 500),
        requestId,
        contentType,
      );
    }
  }

  return {
    accepts: (headers) => headerValue(headers, 'x-amz-target') !== undefined,
    handle,
    async serveNode(request, response) {
      let data: HttpRequestData;
      try {
        data = await readNodeRequest(request);
      } catch (error: unknown) {
        const failure = isAwsServiceError(error) ? error : new AwsServiceError('SerializationException', 'Could not read the request body');
        writeNodeResponse(response, awsJsonErrorResponse(failure, randomUUID()));
        return;
      }
      writeNodeResponse(response, await handle(data));
    },
  };
}
