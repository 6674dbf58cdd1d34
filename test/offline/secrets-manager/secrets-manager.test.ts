import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { passwordPolicyViolations } from '../../../platform/user-pool';
import { synthesizedWith } from '../../support/test-stacks';
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
    const ids = { testUsersSecretName: harness.secret?.name, testUsersSecretArn: harness.secret?.arn };
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
      await failure(sdk.secrets.send(new GetSecretValueCommand({ SecretId: harness.secret?.name, VersionStage: 'AWSPREVIOUS' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS" });
  });

  it('describes and lists the secret without its value', async () => {
    const described = await sdk.secrets.send(new DescribeSecretCommand({ SecretId: harness.secret?.name }));
    expect(described).toMatchObject({ ARN: harness.secret?.arn, Name: 'shop-platform-TestUsersPassword' });
    expect(JSON.stringify(described)).not.toMatch(/password"/);
    const listed = await sdk.secrets.send(new ListSecretsCommand({}));
    expect(listed.SecretList?.map((secret) => secret.Name)).toEqual(['shop-platform-TestUsersPassword']);
    const filtered = await sdk.secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['nothing-like-it'] }] }));
    expect(filtered.SecretList).toEqual([]);
  });

  it('has no secret when the stacks are synthesized with test users off', async () => {
    const without = await startTestControlPlane({ stacksDirectory: synthesizedWith({ SHOP_TEST_USERS: 'false' }) });
    try {
      expect(without.secret).toBeUndefined();
      expect(without.users()).toEqual([]);
      const call = clients(without.endpoint).secrets.send(new GetSecretValueCommand({ SecretId: 'shop-platform-TestUsersPassword' }));
      expect(await failure(call)).toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      await without.close();
    }
  });

  describe('secrets created through the API', () => {
    it('has no value until PutSecretValue, like a secret the stack creates without one', async () => {
      const created = await sdk.secrets.send(new CreateSecretCommand({ Name: 'team/empty-at-first', Description: 'filled later' }));
      expect(created).toMatchObject({ Name: 'team/empty-at-first', ARN: expect.stringMatching(/secret:team\/empty-at-first-[A-Za-z0-9]{6}$/) });
      expect(created.VersionId).toBeUndefined();
      expect(await failure(sdk.secrets.send(new GetSecretValueCommand({ SecretId: 'team/empty-at-first' })))).toMatchObject({
        name: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      });
      const put = await sdk.secrets.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: '{"a":1}' }));
      expect(put).toMatchObject({ Name: 'team/empty-at-first', VersionStages: ['AWSCURRENT'] });
      const read = await sdk.secrets.send(new GetSecretValueCommand({ SecretId: 'team/empty-at-first' }));
      expect([read.SecretString, read.VersionId]).toEqual(['{"a":1}', put.VersionId]);
    });

    it('refuses a second secret of the same name, also one the stacks declare, and unknown secrets', async () => {
      await sdk.secrets.send(new CreateSecretCommand({ Name: 'team/once', SecretString: 'x' }));
      expect(await failure(sdk.secrets.send(new CreateSecretCommand({ Name: 'team/once' })))).toMatchObject({
        name: 'ResourceExistsException',
        message: 'The operation failed because the secret team/once already exists.',
      });
      expect(await failure(sdk.secrets.send(new CreateSecretCommand({ Name: 'shop-platform-TestUsersPassword' })))).toMatchObject({
        name: 'ResourceExistsException',
      });
      expect(await failure(sdk.secrets.send(new PutSecretValueCommand({ SecretId: 'team/unknown', SecretString: 'x' })))).toMatchObject({
        name: 'ResourceNotFoundException',
      });
    });
  });
});
