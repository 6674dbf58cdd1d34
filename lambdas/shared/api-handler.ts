import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { corsAnswerHeaders } from '../../platform/cors';
import { environmentVariables } from '../../platform/functions';
import { callerFromEvent, type Caller } from './caller';
import type { Dependencies, DependencySource } from './dependencies';
import { HttpError } from './http-error';
import { errorResponse, internalServerError } from './http-response';
import { instrumented } from './instrumented';
import { logger } from './observability';

/**
 * The frame around every API handler: establishes the caller (403 when there
 * is none), runs the operation, turns an HttpError into its JSON answer and
 * anything else into a bare 500 that is logged but never described to the client.
 */
export interface ApiRequest<D extends Dependencies = Dependencies> {
  event: APIGatewayProxyEvent;
  context: Context | undefined;
  caller: Caller;
  deps: D;
}

export type ApiOperation<D extends Dependencies = Dependencies> = (request: ApiRequest<D>) => Promise<APIGatewayProxyResult>;
export type ApiHandler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

export function apiHandler<D extends Dependencies = Dependencies>(
  operationId: string,
  operation: ApiOperation<D>,
): (dependencies: DependencySource<D>) => ApiHandler {
  return (dependencies) => (event, context) =>
    instrumented(operationId, context, { apiRequestId: event.requestContext?.requestId }, async () => {
      let response: APIGatewayProxyResult;
      try {
        const caller = callerFromEvent(event);
        logger.appendKeys({ callerKind: caller.kind });
        response = await operation({ event, context, caller, deps: dependencies() });
      } catch (error) {
        response = errorAnswer(error);
      }
      logger.info('Request handled', { statusCode: response.statusCode });
      return withCors(response);
    });
}

/** The web app's origin, when it is served from elsewhere: every answer names it, so that browser may read it. */
const webOrigin = process.env[environmentVariables.webOrigin];

function withCors(response: APIGatewayProxyResult): APIGatewayProxyResult {
  if (!webOrigin) return response;
  return { ...response, headers: { ...response.headers, ...corsAnswerHeaders(webOrigin) } };
}

function errorAnswer(error: unknown): APIGatewayProxyResult {
  if (error instanceof HttpError) {
    logger.warn('Request refused', { statusCode: error.statusCode, reason: error.message });
    return errorResponse(error.statusCode, error.message);
  }
  logger.error('Unhandled error', error instanceof Error ? error : new Error(String(error)));
  return internalServerError();
}
