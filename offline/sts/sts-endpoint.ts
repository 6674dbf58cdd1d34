import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readNodeRequest, writeNodeResponse, type HttpRequestData, type HttpResponseData } from '../aws-json/http';
import { escapeXmlText } from './xml';

export const stsApiVersion = '2011-06-15';

interface StsError {
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
  statusCode: number;
}

function errorResponse(error: StsError, requestId: string): HttpResponseData {
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/${stsApiVersion}/">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXmlText(error.code)}</Code><Message>${escapeXmlText(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { statusCode: error.statusCode, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

function senderError(code: string, message: string): StsError {
  return { type: 'Sender', code, message, statusCode: 400 };
}

function missing(parameter: string): StsError {
  const member = parameter.charAt(0).toLowerCase() + parameter.slice(1);
  return senderError('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/**
 * AssumeRoleWithWebIdentity is how the basic (classic) flow turns a Cognito
 * OpenID token into credentials. The offline identity pool has that flow off
 * and issues no OpenID tokens, so no web identity token can be valid here.
 */
function assumeRoleWithWebIdentity(parameters: URLSearchParams): StsError {
  for (const name of ['RoleArn', 'RoleSessionName', 'WebIdentityToken']) {
    if (!parameters.get(name)) return missing(name);
  }
  return senderError(
    'InvalidIdentityToken',
    'The web identity token is not valid: the offline runtime trusts no OpenID Connect provider (its identity pool has the basic flow switched off and issues no OpenID tokens). Use GetCredentialsForIdentity.',
  );
}

function answer(request: HttpRequestData): StsError {
  if (request.method !== 'POST') return senderError('InvalidAction', `STS Query requests must use POST, not ${request.method}`);
  const parameters = new URLSearchParams(request.body.toString('utf8'));
  const action = parameters.get('Action');
  if (!action) return missing('Action');
  const version = parameters.get('Version');
  if (version !== null && version !== stsApiVersion) {
    return senderError('InvalidAction', `Could not find operation ${action} for version ${version}`);
  }
  if (action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(parameters);
  return senderError('InvalidAction', `STS action ${action} is not supported by the offline runtime (only AssumeRoleWithWebIdentity is)`);
}

/** Answers an AWS Query (form-encoded) STS request. Every answer is an error; see assumeRoleWithWebIdentity. */
export function handleStsQuery(request: HttpRequestData): HttpResponseData {
  return errorResponse(answer(request), randomUUID());
}

export async function serveStsQuery(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let data: HttpRequestData;
  try {
    data = await readNodeRequest(request);
  } catch {
    writeNodeResponse(response, errorResponse(senderError('ValidationError', 'Could not read the request body'), randomUUID()));
    return;
  }
  writeNodeResponse(response, handleStsQuery(data));
}
