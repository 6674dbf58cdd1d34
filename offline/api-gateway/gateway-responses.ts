import type { ApiDocument } from '../../openapi/document';

/**
 * The responses API Gateway itself sends (before or instead of the integration),
 * with AWS's default bodies and error types, plus the headers the definition's
 * `x-amazon-apigateway-gateway-responses` adds to every 4XX and 5XX.
 */
export type GatewayResponseType =
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'ACCESS_DENIED'
  | 'INCOMPLETE_SIGNATURE'
  | 'INVALID_SIGNATURE'
  | 'UNRECOGNIZED_CLIENT'
  | 'EXPIRED_TOKEN'
  | 'BAD_REQUEST_PARAMETERS'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PATH'
  | 'REQUEST_TOO_LARGE'
  | 'THROTTLED'
  | 'WAF_FILTERED'
  | 'INTEGRATION_FAILURE'
  | 'API_CONFIGURATION_ERROR';

const defaults: Record<GatewayResponseType, { status: number; errorType: string; message: string }> = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
  ACCESS_DENIED: { status: 403, errorType: 'AccessDeniedException', message: 'Forbidden' },
  INCOMPLETE_SIGNATURE: { status: 403, errorType: 'IncompleteSignatureException', message: 'Incomplete signature' },
  INVALID_SIGNATURE: { status: 403, errorType: 'InvalidSignatureException', message: 'Invalid signature' },
  UNRECOGNIZED_CLIENT: {
    status: 403,
    errorType: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  },
  EXPIRED_TOKEN: { status: 403, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: 'BadRequestException', message: 'Invalid request parameters' },
  BAD_REQUEST_BODY: { status: 400, errorType: 'BadRequestException', message: 'Invalid request body' },
  BAD_REQUEST_PATH: { status: 400, errorType: 'BadRequestException', message: 'Invalid request path' },
  REQUEST_TOO_LARGE: { status: 413, errorType: 'RequestTooLargeException', message: 'Request Too Long' },
  THROTTLED: { status: 429, errorType: 'TooManyRequestsException', message: 'Too Many Requests' },
  // A request the stage's web ACL blocked (AWS WAF), before API Gateway looked at it.
  WAF_FILTERED: { status: 403, errorType: 'ForbiddenException', message: 'Forbidden' },
  INTEGRATION_FAILURE: { status: 502, errorType: 'InternalServerErrorException', message: 'Internal server error' },
  // What API Gateway answers when it may not invoke the integration (no Lambda permission, for one).
  API_CONFIGURATION_ERROR: { status: 500, errorType: 'InternalServerErrorException', message: 'Internal server error' },
};

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

interface GatewayResponseExtension {
  responseParameters?: Record<string, string>;
}

export class GatewayResponses {
  private readonly extraHeaders: Record<'4XX' | '5XX', Record<string, string>>;

  constructor(document: ApiDocument) {
    const configured = ((document as unknown as Record<string, unknown>)['x-amazon-apigateway-gateway-responses'] ??
      {}) as Record<string, GatewayResponseExtension>;
    this.extraHeaders = { '4XX': headersOf(configured.DEFAULT_4XX), '5XX': headersOf(configured.DEFAULT_5XX) };
  }

  respond(type: GatewayResponseType, message?: string): HttpResponse {
    const response = defaults[type];
    // API Gateway's access-denied body is the one that spells "Message" with a capital M.
    const body = type === 'ACCESS_DENIED' ? { Message: message ?? response.message } : { message: message ?? response.message };
    return {
      status: response.status,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': response.errorType,
        ...this.extraHeaders[response.status >= 500 ? '5XX' : '4XX'],
      },
      body: Buffer.from(JSON.stringify(body)),
    };
  }
}

/** `gatewayresponse.header.Cache-Control: "'no-store'"` → `{ 'cache-control': 'no-store' }`. */
function headersOf(response: GatewayResponseExtension | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response?.responseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    const literal = /^'(.*)'$/.exec(value)?.[1];
    if (name && literal !== undefined) headers[name.toLowerCase()] = literal;
  }
  return headers;
}
