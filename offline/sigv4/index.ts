/**
 * SigV4 request verification for the offline runtime.
 *
 *   const verification = await verifySigV4(received, { lookup, region, services: ['execute-api'] });
 *
 * `received` is the request as it came off the wire (raw path and query, Node's
 * `headersDistinct`, the body bytes). A request with no SigV4 material at all
 * (see `hasSigV4Material`) is refused as `MissingAuthentication`, which API
 * Gateway answers with "Missing Authentication Token".
 *
 * A signature covers the path after dot-segment and empty-segment removal, as
 * the clients normalise it before signing: `/prod/a/../b` verifies with a
 * signature for `/prod/b`. Route and authorise on the normalised path, or
 * refuse paths that are not already normal, never on the raw text.
 */
export { verifySigV4 } from './verify';
export { claimedAccessKeyId, claimedSigningService, hasSigV4Material } from './presence';
export { formatAmzDate, parseAmzDate } from './amz-date';
export type {
  ReceivedRequest,
  SecretLookup,
  SignatureForm,
  SigningSecret,
  Verification,
  VerificationFailure,
  VerificationRefusal,
  VerificationSuccess,
  VerifyOptions,
} from './types';
