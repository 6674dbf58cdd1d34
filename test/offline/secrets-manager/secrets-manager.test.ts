import { DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { passwordPolicyViolations } from '../../../platform/user-pool';
import { clients, failure, type Clients } from '../control-plane/support/clients';
import { startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

describe('Secrets Manager (real SDK)', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  beforeAll(async () => {
    harness = await startTestControlPlane();
    sdk = clients(harness.endpoint);
  });
  afterAll(() => harness.close());

  it('returns the test users password secret by name, ARN and partial ARN', async () => {
    const { ids } = harness.plane;
    expect(ids.testUsersSecretName).toBe('shop-platform-TestUsersPassword');
    expect(ids.testUsersSecretArn).toMatch(/^arn:aws:secretsmanager:eu-central-1:000000000000:secret:shop-platform-TestUsersPassword-[A-Za-z0-9]{6}$/);
    const byName = await sdk.secrets.send(new GetSecretValueCommand({ SecretId: ids.testUsersSecretName }));
    expect(byName).toMatchObject({
      ARN: ids.testUsersSecretArn,
      Name: 'shop-platform-TestUsersPassword',
      VersionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: expect.any(Date),
    });
    const { password } = JSON.parse(byName.SecretString ?? '') as { password: string };
    expect(passwordPolicyViolations(password)).toEqual([]);
    expect(Object.keys(JSON.parse(byName.SecretString ?? ''))).toEqual(['password']);
    const byArn = await sdk.secrets.send(new GetSecretValueCommand({ SecretId: ids.testUsersSecretArn }));
    expect(byArn.SecretString).toBe(byName.SecretString);
    const partial = (ids.testUsersSecretArn ?? '').slice(0, -7);
    expect((await sdk.secrets.send(new GetSecretValueCommand({ SecretId: partial }))).SecretString).toBe(byName.SecretString);
    expect((await sdk.secrets.send(new GetSecretValueCommand({ SecretId: partial, VersionStage: 'AWSCURRENT', VersionId: byName.VersionId }))).Name).toBe(byName.Name);
    expect(harness.authorized.map((call) => [call.iamAction, call.resourceArn])).toContainEqual(['secretsmanager:GetSecretValue', ids.testUsersSecretArn]);
  });

  it.each([['shop-platform-Other'], ['arn:aws:secretsmanager:eu-central-1:000000000000:secret:shop-platform-TestUsersPassword-XXXXXX'], ['shop-platform-testuserspassword']])(
    'answers an unknown secret %s with ResourceNotFoundException',
    async (secretId) => {
      expect(await failure(sdk.secrets.send(new GetSecretValueCommand({ SecretId: secretId })))).toEqual({
        name: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
        status: 400,
      });
    },
  );

  it('refuses other version stages', async () => {
    expect(
      await failure(sdk.secrets.send(new GetSecretValueCommand({ SecretId: harness.plane.ids.testUsersSecretName, VersionStage: 'AWSPREVIOUS' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS" });
  });

  it('describes and lists the secret without its value', async () => {
    const described = await sdk.secrets.send(new DescribeSecretCommand({ SecretId: harness.plane.ids.testUsersSecretName }));
    expect(described).toMatchObject({ ARN: harness.plane.ids.testUsersSecretArn, Name: 'shop-platform-TestUsersPassword' });
    expect(JSON.stringify(described)).not.toMatch(/password"/);
    const listed = await sdk.secrets.send(new ListSecretsCommand({}));
    expect(listed.SecretList?.map((secret) => secret.Name)).toEqual(['shop-platform-TestUsersPassword']);
    const filtered = await sdk.secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['nothing-like-it'] }] }));
    expect(filtered.SecretList).toEqual([]);
  });

  it('has no secret when test users are switched off', async () => {
    const without = await startTestControlPlane({ createTestUsers: false });
    try {
      expect(without.plane.ids.testUsersSecretName).toBeUndefined();
      expect(without.plane.listTestUsers()).toEqual([]);
      const call = clients(without.endpoint).secrets.send(new GetSecretValueCommand({ SecretId: 'shop-platform-TestUsersPassword' }));
      expect(await failure(call)).toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      await without.close();
    }
  });
});
