import fc from 'fast-check';
import { callerFromEvent } from '../../../lambdas/shared/caller';
import { HttpError } from '../../../lambdas/shared/http-error';
import { apiGatewayEvent, guest, requestIdentity, user, type TestIdentity } from '../../support/api-gateway-event';

const eventFor = (identity: TestIdentity) => apiGatewayEvent({ method: 'GET', resource: '/orders', identity });
const uuid = fc.uuid({ version: 4 });

describe('callerFromEvent', () => {
  it('keys a guest by the uuid part of the identity id', () => {
    fc.assert(
      fc.property(uuid, (identityUuid) => {
        expect(callerFromEvent(eventFor(guest(identityUuid)))).toEqual({ kind: 'guest', customerId: `v#${identityUuid}` });
      }),
    );
  });

  it('keys a registered user by the sub at the end of the authentication provider', () => {
    fc.assert(
      fc.property(uuid, (sub) => {
        expect(callerFromEvent(eventFor(user(sub)))).toEqual({ kind: 'registered', sub, customerId: `c#${sub}` });
      }),
    );
  });

  it('ignores everything the client sends: body, query and headers', () => {
    const event = eventFor(guest('0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1'));
    event.body = JSON.stringify({ customerId: 'c#admin', role: 'admin' });
    event.headers = { 'x-customer-id': 'c#admin', 'x-role': 'admin' };
    event.queryStringParameters = { customerId: 'c#admin' };
    expect(callerFromEvent(event)).toEqual({ kind: 'guest', customerId: 'v#0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1' });
  });

  const forbidden = (identity: Parameters<typeof requestIdentity>[0]) => {
    const event = eventFor(identity);
    expect(() => callerFromEvent(event)).toThrow(HttpError);
    try {
      callerFromEvent(event);
    } catch (error) {
      expect((error as HttpError).statusCode).toBe(403);
    }
  };

  it.each([
    ['no identity', { kind: 'none' }],
    ['an IAM user (no Cognito)', { kind: 'custom', identity: { userArn: 'arn:aws:iam::123456789012:user/alice', caller: 'AIDA' } }],
    ['an unknown authentication type', { kind: 'custom', identity: { cognitoAuthenticationType: 'something', cognitoIdentityId: 'eu-central-1:0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1' } }],
    ['a guest with a malformed identity id', { kind: 'custom', identity: { cognitoAuthenticationType: 'unauthenticated', cognitoIdentityId: '0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1' } }],
    ['a guest with extra text in the identity id', { kind: 'custom', identity: { cognitoAuthenticationType: 'unauthenticated', cognitoIdentityId: 'eu-central-1:0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1#c' } }],
    ['a signed-in user without a provider', { kind: 'custom', identity: { cognitoAuthenticationType: 'authenticated' } }],
    ['a developer-authenticated identity', { kind: 'custom', identity: { cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: 'login.example.com' } }],
    ['a provider with a malformed sub', { kind: 'custom', identity: { cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_a,cognito-idp.eu-central-1.amazonaws.com/eu-central-1_a:CognitoSignIn:c#admin' } }],
  ] as [string, TestIdentity][])('answers 403 to %s', (_, identity) => forbidden(identity));

  it('answers 403 to an event without a request context identity', () => {
    const event = eventFor(guest());
    (event.requestContext as { identity: unknown }).identity = undefined;
    expect(() => callerFromEvent(event)).toThrow('The request carries no identity-pool identity this API accepts');
  });
});
