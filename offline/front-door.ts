import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalRestApi } from './api-gateway/local-rest-api';
import type { HttpResponse } from './api-gateway/gateway-responses';
import { writeNodeResponse } from './aws-json/http';
import type { ControlPlane } from './control-plane';
import { dynamoDbTargetPrefix, type DynamoDbEndpoint } from './dynamodb/dynamodb-endpoint';
import { bufferRequest, RequestTooLargeError, type BufferedRequest } from './http/buffered-request';
import { healthPath, healthResponse, type HealthFacts } from './http/health';
import { jsonResponse, writeResponse } from './http/responses';
import type { StaticSiteHost } from './http/static-site-host';
import type { LambdaInvokeEndpoint } from './lambda/invoke-endpoint';
import { claimedSigningService } from './sigv4';

/** API Gateway accepts payloads up to 10 MB; so does the front door. */
export const maxRequestBytes = 10 * 1024 * 1024;

export interface FrontDoorRoutes {
  controlPlane: ControlPlane;
  dynamoDb: DynamoDbEndpoint;
  lambda: LambdaInvokeEndpoint;
  restApi: LocalRestApi<unknown>;
  /** Failures that answered 500: bugs, logged with their stack. */
  logError: (message: string) => void;
  health: HealthFacts;
  staticSite: StaticSiteHost;
}

/** The services this port answers; a request signed for any other is refused by name. */
const emulatedServices = ['cognito-idp', 'cognito-identity', 'secretsmanager', 'sts', 'dynamodb', 'lambda', 'execute-api'];

function unknownService(service: string, request: BufferedRequest, answers = `it answers ${emulatedServices.join(', ')}`): HttpResponse {
  const path = request.url.split('?')[0];
  const body = {
    __type: 'UnknownOperationException',
    message: `The offline runtime does not emulate ${service} (${request.method} ${path}); ${answers}`,
  };
  return jsonResponse(400, body, { 'x-amzn-errortype': 'UnknownOperationException' });
}

/**
 * The runtime's one HTTP port: AWS JSON calls by their `X-Amz-Target` (DynamoDB,
 * then Cognito and Secrets Manager), STS Query calls, the user pool's JWKS,
 * Lambda's Invoke API, the stacks' static site under /app/, and everything else as the REST API.
 */
export function frontDoor(routes: FrontDoorRoutes): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (incoming, response) => {
    try {
      const request = await bufferRequest(incoming, maxRequestBytes);
      const target = incoming.headers['x-amz-target'];
      if (typeof target === 'string' && target.startsWith(`${dynamoDbTargetPrefix}.`)) {
        return await routes.dynamoDb.serve(request, response, target.slice(dynamoDbTargetPrefix.length + 1));
      }
      const { controlPlane } = routes;
      if (target !== undefined) return writeNodeResponse(response, await controlPlane.awsJson.handle(request));
      if (controlPlane.sts.accepts(request)) return writeNodeResponse(response, controlPlane.sts.handle(request));
      if (controlPlane.jwks.matches(request)) return writeNodeResponse(response, controlPlane.jwks.handle(request));
      if (request.url.split('?')[0] === healthPath) return writeResponse(response, healthResponse(request, routes.health));
      if (routes.lambda.matches(request)) return writeResponse(response, await routes.lambda.handle(request));
      if (routes.staticSite.matches(request)) return writeResponse(response, routes.staticSite.handle(request));
      // Under the stage it is an API call, wrongly scoped or not; API Gateway answers it.
      const service = routes.restApi.stageNames.some((stage) => request.url.startsWith(`/${stage}/`))
        ? undefined
        : claimedSigningService({ headers: request.headers, rawQuery: request.url.split('?')[1] ?? '' });
      if (service !== undefined && !emulatedServices.includes(service)) return writeResponse(response, unknownService(service, request));
      if (service === 'lambda') return writeResponse(response, unknownService(service, request, 'of Lambda it answers Invoke (POST /2015-03-31/functions/{name}/invocations)'));
      writeResponse(response, await routes.restApi.handle(request));
    } catch (error) {
      if (error instanceof RequestTooLargeError) {
        writeResponse(response, routes.restApi.gatewayResponse('REQUEST_TOO_LARGE'));
        return;
      }
      routes.logError(`Unexpected failure on ${incoming.method} ${incoming.url}: ${(error as Error)?.stack ?? String(error)}`);
      if (!response.headersSent) writeResponse(response, routes.restApi.gatewayResponse('INTEGRATION_FAILURE'));
      else response.destroy();
    }
  };
}
