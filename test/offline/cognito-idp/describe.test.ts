import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { clients, failure, type Clients } from '../control-plane/support/clients';
import { startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

describe('user pool description (signed operations, real SDK)', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  beforeAll(async () => {
    harness = await startTestControlPlane();
    sdk = clients(harness.endpoint);
  });
  afterAll(() => harness.close());

  it('lists the one pool and its one client', async () => {
    const { ids } = harness.plane;
    const pools = await sdk.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(pools.UserPools).toEqual([
      { Id: ids.userPoolId, Name: 'shop-platform-UserPool', LambdaConfig: {}, CreationDate: expect.any(Date), LastModifiedDate: expect.any(Date) },
    ]);
    const clientsList = await sdk.idp.send(new ListUserPoolClientsCommand({ UserPoolId: ids.userPoolId, MaxResults: 60 }));
    expect(clientsList.UserPoolClients).toEqual([{ ClientId: ids.userPoolClientId, UserPoolId: ids.userPoolId, ClientName: 'shop-platform-ApiClient' }]);
  });

  it('describes the pool from platform/user-pool', async () => {
    const { ids } = harness.plane;
    const { UserPool: pool } = await sdk.idp.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    expect(pool).toMatchObject({
      Id: ids.userPoolId,
      Name: 'shop-platform-UserPool',
      Arn: `arn:aws:cognito-idp:eu-central-1:000000000000:userpool/${ids.userPoolId}`,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
      EstimatedNumberOfUsers: 4,
    });
    expect(pool?.CreationDate).toBeInstanceOf(Date);
    expect(pool?.SchemaAttributes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'custom:role', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '32' } }),
        expect.objectContaining({ Name: 'custom:shopId', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } }),
        expect.objectContaining({ Name: 'sub', Mutable: false, Required: true }),
        expect.objectContaining({ Name: 'email_verified', AttributeDataType: 'Boolean' }),
      ]),
    );
  });

  it('describes the client: no custom attribute is writable, user existence errors are prevented', async () => {
    const { ids } = harness.plane;
    const { UserPoolClient: client } = await sdk.idp.send(
      new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.userPoolClientId }),
    );
    expect(client).toMatchObject({
      ClientId: ids.userPoolClientId,
      ClientName: 'shop-platform-ApiClient',
      UserPoolId: ids.userPoolId,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      WriteAttributes: ['email', 'name', 'phone_number'],
      ReadAttributes: ['email', 'name', 'phone_number', 'email_verified', 'phone_number_verified', 'custom:role', 'custom:shopId'],
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    });
  });

  it('answers unknown pools and clients with ResourceNotFoundException', async () => {
    const { ids } = harness.plane;
    expect(await failure(sdk.idp.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-central-1_nope12345' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool eu-central-1_nope12345 does not exist.',
    });
    expect(
      await failure(sdk.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: 'nope' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool client nope does not exist.' });
  });

  it('validates input like AWS', async () => {
    expect(await failure(sdk.idp.send(new ListUserPoolsCommand({ MaxResults: 0 })))).toMatchObject({
      name: 'InvalidParameterException',
      status: 400,
    });
  });

  it('passes signed operations to the authorize hook with the IAM action and pool ARN', async () => {
    const { ids } = harness.plane;
    harness.authorized.length = 0;
    await sdk.idp.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    expect(harness.authorized.map((call) => [call.signingName, call.iamAction, call.resourceArn])).toEqual([
      ['cognito-idp', 'cognito-idp:DescribeUserPool', ids.userPoolArn],
    ]);
    expect(harness.authorized[0].request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-central-1\/cognito-idp\/aws4_request/);
  });

  it('refuses signed operations without a signature (through the hook)', async () => {
    const response = await fetch(harness.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' },
      body: JSON.stringify({ MaxResults: 10 }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('names operations it does not emulate', async () => {
    const response = await fetch(harness.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.DeleteUserPool', authorization: 'x' },
      body: JSON.stringify({ UserPoolId: harness.plane.ids.userPoolId }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Operation cognito-idp:DeleteUserPool is not supported by the offline runtime',
    });
  });
});
