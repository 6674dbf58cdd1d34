import { IamAuthorizer, type DecisionLog } from '../../../offline/authorization/iam-authorizer';
import type { AssumedRolePrincipal } from '../../../offline/credentials/types';
import { IamRoles } from '../../../offline/iam/roles';
import { policyDocument } from '../../../platform/iam-policy';

/**
 * The authorizer remembers decisions under everything they depend on: a
 * remembered decision must never answer a call that differs in the principal's
 * tags, identity, session policies, action or resource.
 */
const accountId = '123456789012';
const api = `arn:aws:execute-api:eu-central-1:${accountId}:abc123/prod`;
const ownerRole = {
  address: 'aws_iam_role.owner',
  name: 'owner',
  arn: `arn:aws:iam::${accountId}:role/owner`,
  uniqueId: 'AROAOWNER',
  trustPolicy: policyDocument(),
  maxSessionDurationSeconds: 3600,
  inlinePolicies: [
    {
      name: 'own-shop',
      document: policyDocument({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/GET/shop/\${aws:PrincipalTag/shopId}` }),
    },
  ],
  managedPolicies: [],
};
const guestSessionPolicies = [
  { name: 'guest-session', document: policyDocument({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/GET/products` }) },
];

function owner(shopId: string, identityId = `eu-central-1:${shopId}`, sessionPolicySet?: string): AssumedRolePrincipal {
  return {
    kind: 'assumed-role',
    roleName: 'owner',
    roleArn: ownerRole.arn,
    arn: `arn:aws:sts::${accountId}:assumed-role/owner/CognitoIdentityCredentials`,
    identityPoolId: 'eu-central-1:pool',
    identityId,
    authenticationType: 'authenticated',
    principalTags: { shopId },
    amr: ['authenticated'],
    ...(sessionPolicySet === undefined ? {} : { sessionPolicySet }),
  };
}

function authorizer(log: DecisionLog = () => undefined): IamAuthorizer {
  return new IamAuthorizer(new IamRoles([ownerRole], []), new Map([['guests', guestSessionPolicies]]), accountId, log);
}

describe('IamAuthorizer', () => {
  it("answers a repeated call as before, and one that differs in the principal's tags by the tags", () => {
    const iam = authorizer();
    expect(iam.authorize(owner('0001'), 'execute-api:Invoke', `${api}/GET/shop/0001`).allowed).toBe(true);
    expect(iam.authorize(owner('0001'), 'execute-api:Invoke', `${api}/GET/shop/0001`).allowed).toBe(true);
    // Same role, same identity, another tag: the remembered Allow must not answer it.
    expect(iam.authorize(owner('0002', 'eu-central-1:0001'), 'execute-api:Invoke', `${api}/GET/shop/0001`).allowed).toBe(false);
    expect(iam.authorize(owner('0001'), 'execute-api:Invoke', `${api}/GET/shop/0002`).allowed).toBe(false);
    expect(iam.authorize(owner('0001'), 'execute-api:InvalidateCache', `${api}/GET/shop/0001`).allowed).toBe(false);
  });

  it('keeps a session policy set apart from the same session without one', () => {
    const iam = authorizer();
    expect(iam.authorize(owner('0001'), 'execute-api:Invoke', `${api}/GET/shop/0001`).allowed).toBe(true);
    const limited = iam.authorize(owner('0001', 'eu-central-1:0001', 'guests'), 'execute-api:Invoke', `${api}/GET/shop/0001`);
    expect(limited).toMatchObject({ allowed: false, deniedBy: 'session policy' });
  });

  it('logs every call, remembered or not', () => {
    const entries: string[] = [];
    const iam = authorizer((entry) => entries.push(`${entry.decision} ${entry.resource}`));
    for (let call = 0; call < 3; call++) iam.authorize(owner('0001'), 'execute-api:Invoke', `${api}/GET/shop/0001`);
    expect(entries).toEqual(Array.from({ length: 3 }, () => `Allow ${api}/GET/shop/0001`));
  });
});
