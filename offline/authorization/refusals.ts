import type { GatewayResponseType } from '../api-gateway/gateway-responses';
import { AwsServiceError } from '../aws-json/errors';
import type { Authenticated } from './authenticator';

type Refusal = Extract<Authenticated, { ok: false }>;

/** How API Gateway answers each way a signature can fail. */
export function gatewayResponseFor(refusal: Refusal): { response: GatewayResponseType; message: string } {
  switch (refusal.reason) {
    case 'MissingAuthentication':
      return { response: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' };
    case 'UnknownAccessKey':
    case 'MissingSessionToken':
    case 'InvalidSessionToken':
    case 'UnexpectedSessionToken':
      return { response: 'UNRECOGNIZED_CLIENT', message: refusal.message };
    case 'CredentialsExpired':
      return { response: 'EXPIRED_TOKEN', message: refusal.message };
    case 'MalformedAuthorization':
    case 'ConflictingAuthentication':
    case 'UnsupportedAlgorithm':
    case 'MalformedCredential':
    case 'MalformedQuery':
    case 'MissingDate':
    case 'UnsupportedDateHeader':
    case 'MalformedDate':
    case 'HostNotSigned':
    case 'DateNotSigned':
    case 'UnsupportedSignedHeader':
    case 'SignedHeaderMissing':
    case 'MalformedExpires':
    case 'ExpiresTooLong':
      return { response: 'INCOMPLETE_SIGNATURE', message: refusal.message };
    default:
      return { response: 'INVALID_SIGNATURE', message: refusal.message };
  }
}

const jsonErrorCodes: Record<GatewayResponseType, string> = {
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException',
  UNRECOGNIZED_CLIENT: 'UnrecognizedClientException',
  EXPIRED_TOKEN: 'ExpiredTokenException',
  INCOMPLETE_SIGNATURE: 'IncompleteSignatureException',
  INVALID_SIGNATURE: 'InvalidSignatureException',
  ACCESS_DENIED: 'AccessDeniedException',
  BAD_REQUEST_PARAMETERS: 'ValidationException',
  BAD_REQUEST_BODY: 'ValidationException',
  BAD_REQUEST_PATH: 'ValidationException',
  REQUEST_TOO_LARGE: 'RequestEntityTooLargeException',
  THROTTLED: 'ThrottlingException',
  WAF_FILTERED: 'AccessDeniedException',
  INTEGRATION_FAILURE: 'InternalFailure',
  API_CONFIGURATION_ERROR: 'InternalFailure',
};

/** How the JSON-protocol services (Cognito, Secrets Manager, DynamoDB) answer the same failures. */
export function awsJsonErrorFor(refusal: Refusal): AwsServiceError {
  const { response, message } = gatewayResponseFor(refusal);
  const code = jsonErrorCodes[response];
  return new AwsServiceError(code, response === 'MISSING_AUTHENTICATION_TOKEN' ? 'Request is missing Authentication Token' : message, 400);
}

/** AWS's wording for an action no policy allows. */
export function accessDenied(
  principalArn: string,
  action: string,
  resource: string,
  explicitDeny: boolean,
  deniedBy: 'identity-based policy' | 'session policy' = 'identity-based policy',
): AwsServiceError {
  const article = deniedBy === 'identity-based policy' ? 'an' : 'a';
  const because = explicitDeny ? `with an explicit deny in ${article} ${deniedBy}` : `because no ${deniedBy} allows the ${action} action`;
  return new AwsServiceError(
    'AccessDeniedException',
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${because}`,
    400,
  );
}
