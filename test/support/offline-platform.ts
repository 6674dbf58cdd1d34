import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadSettings, type PlatformSettings } from '../../platform/settings';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../offline/runtime';
import { signedFetch, type ApiAnswer, type AwsCredentials, type SignedRequest } from './signed-fetch';
import { copyOfAppliedData } from './applied-data';
import { testStacksDirectory } from './test-stacks';
import { testScryptCost } from './test-scrypt-cost';

export const rootCredentials: AwsCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface OfflinePlatform {
  runtime: Runtime;
  endpoint: string;
  /** The settings the stacks were synthesized with. */
  settings: PlatformSettings;
  clients: { idp: CognitoIdentityProviderClient; identity: CognitoIdentityClient; secrets: SecretsManagerClient };
  /** Log lines the runtime printed (confirmation codes among them). */
  messages: string[];
  password(): Promise<string>;
  idToken(email: string, password?: string): Promise<string>;
  /** Identity-pool credentials: a guest's, or a signed-in user's. */
  credentials(who: { guest: true } | { email: string; password?: string }): Promise<AwsCredentials & { identityId: string }>;
  /** A signed call to the REST API as the given credentials. */
  call(credentials: AwsCredentials, request: SignedRequest): Promise<ApiAnswer>;
  shopToken(shopId: string): Promise<string>;
  /**
   * Creates a confirmed user as an administrator would (AdminCreateUser with the
   * root keys), e.g. a second customer or a shop owner without a shop.
   */
  createUser(email: string, attributes: Record<string, string>, password?: string): Promise<{ email: string; password: string }>;
  close(): Promise<void>;
}

/** The settings the shared test stacks were synthesized with (see synthesize-test-stacks.ts). */
export function testStackSettings(): PlatformSettings {
  return loadSettings(JSON.parse(process.env.SHOP_TEST_STACKS_SETTINGS ?? '{}') as NodeJS.ProcessEnv);
}

/**
 * The whole platform on a free port, configured from the synthesized test
 * stacks: by default started on a copy of a data directory where they were
 * already applied (what a second `npm start` does; see applied-data.ts).
 * With `stacksDirectory`, `inMemory` or `dataDirectory` given, it starts as
 * told and applies the stacks itself: `inMemory: true` is what
 * `npm start -- --in-memory` runs.
 */
export async function startOfflinePlatform(overrides: Partial<RuntimeOptions> = {}): Promise<OfflinePlatform> {
  const settings = testStackSettings();
  const messages: string[] = [];
  const applied =
    overrides.stacksDirectory === undefined && overrides.inMemory === undefined && overrides.dataDirectory === undefined
      ? await copyOfAppliedData()
      : undefined;
  const runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    stacksDirectory: testStacksDirectory(),
    inMemory: applied === undefined,
    dataDirectory: applied,
    schedules: false,
    scryptCost: testScryptCost,
    log: (line) => messages.push(line),
    functionLog: () => undefined,
    ...overrides,
  });
  const endpoint = runtime.endpoint;
  const clientConfig = { endpoint, region: settings.region, credentials: rootCredentials };
  const clients = {
    idp: new CognitoIdentityProviderClient(clientConfig),
    identity: new CognitoIdentityClient(clientConfig),
    secrets: new SecretsManagerClient(clientConfig),
  };
  const { outputs } = runtime;
  const provider = `cognito-idp.${settings.region}.amazonaws.com/${outputs.userPoolId}`;

  const password = async () => {
    const secret = await clients.secrets.send(new GetSecretValueCommand({ SecretId: outputs.testUsersSecretName }));
    return (JSON.parse(secret.SecretString ?? '{}') as { password: string }).password;
  };
  const idToken = async (email: string, userPassword?: string) => {
    const answer = await clients.idp.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: outputs.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: userPassword ?? (await password()) },
      }),
    );
    return answer.AuthenticationResult!.IdToken!;
  };
  const credentials: OfflinePlatform['credentials'] = async (who) => {
    const logins = 'guest' in who ? undefined : { [provider]: await idToken(who.email, who.password) };
    const { IdentityId } = await clients.identity.send(new GetIdCommand({ IdentityPoolId: outputs.identityPoolId, Logins: logins }));
    const issued = await clients.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    return {
      accessKeyId: issued.Credentials!.AccessKeyId!,
      secretAccessKey: issued.Credentials!.SecretKey!,
      sessionToken: issued.Credentials!.SessionToken!,
      identityId: IdentityId!,
    };
  };
  const shopToken = async (shopId: string) => {
    const shop = (await runtime.shopTokens()).find((candidate) => candidate.shopId === shopId);
    if (!shop?.shopToken) throw new Error(`Shop ${shopId} has no token`);
    return shop.shopToken;
  };
  const createUser: OfflinePlatform['createUser'] = async (email, attributes, userPassword = 'Created1User') => {
    await clients.idp.send(
      new AdminCreateUserCommand({
        UserPoolId: outputs.userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        ],
      }),
    );
    await clients.idp.send(
      new AdminSetUserPasswordCommand({ UserPoolId: outputs.userPoolId, Username: email, Password: userPassword, Permanent: true }),
    );
    return { email, password: userPassword };
  };
  return {
    runtime,
    endpoint,
    settings,
    createUser,
    clients,
    messages,
    password,
    idToken,
    credentials,
    call: (who, request) => signedFetch(endpoint, who, { region: settings.region, ...request }),
    shopToken,
    close: async () => {
      for (const client of Object.values(clients)) client.destroy();
      await runtime.close();
    },
  };
}
