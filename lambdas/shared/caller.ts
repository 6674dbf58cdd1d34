import type { APIGatewayProxyEvent } from 'aws-lambda';
import { registeredCustomerId } from '../../platform/seed';
import { customerIds } from '../../platform/table';
import { forbidden } from './http-error';

/**
 * Who is calling, as API Gateway established it for an AWS_IAM request signed
 * with identity-pool credentials. Nothing the client sends in the body, query
 * or headers takes part: only `requestContext.identity`, which the client
 * cannot forge.
 */
export type Caller = GuestCaller | RegisteredCaller;

export interface GuestCaller {
  kind: 'guest';
  /** `v#<identity uuid>`: the key the guest's orders are stored under. */
  customerId: string;
}

export interface RegisteredCaller {
  kind: 'registered';
  /** The user-pool `sub`, also the user's username in the pool. */
  sub: string;
  /** `c#<sub>` */
  customerId: string;
}

export type CallerKind = Caller['kind'];

type RequestIdentity = Partial<APIGatewayProxyEvent['requestContext']['identity']> | null | undefined;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `<region>:<uuid>` */
const identityId = /^[a-z]{2}(?:-gov)?-[a-z]+-[0-9]:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const signInMarker = ':CognitoSignIn:';

const notAuthenticated = () => forbidden('The request carries no identity-pool identity this API accepts');

export function guestCustomerId(identityUuid: string): string {
  return customerIds.guest(identityUuid);
}

export function callerFromEvent(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller {
  const identity: RequestIdentity = event.requestContext?.identity;
  if (!identity) throw notAuthenticated();
  switch (identity.cognitoAuthenticationType) {
    case 'unauthenticated':
      return guestFrom(identity);
    case 'authenticated':
      return registeredFrom(identity);
    default:
      throw notAuthenticated();
  }
}

function guestFrom(identity: NonNullable<RequestIdentity>): GuestCaller {
  const match = identityId.exec(identity.cognitoIdentityId ?? '');
  if (!match) throw notAuthenticated();
  return { kind: 'guest', customerId: guestCustomerId(match[1]) };
}

function registeredFrom(identity: NonNullable<RequestIdentity>): RegisteredCaller {
  const provider = identity.cognitoAuthenticationProvider ?? '';
  // Only user-pool sign-ins end in `:CognitoSignIn:<sub>`; anything else (a
  // developer or social provider) is not a user this API knows.
  const markerAt = provider.lastIndexOf(signInMarker);
  if (markerAt < 0) throw notAuthenticated();
  const sub = provider.slice(markerAt + signInMarker.length);
  if (!uuid.test(sub)) throw notAuthenticated();
  return { kind: 'registered', sub, customerId: registeredCustomerId(sub) };
}
