import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { localAccount } from '../local-account';
import type { RuntimeOutputs } from '../outputs';
import { defaultDataDirectory } from '../state/default-data-directory';

/**
 * What the command-line helpers (`npm run creds`, `npm run call`) know about
 * the running platform: its outputs.json, its administrator keys, and how a
 * test user or a guest gets credentials — the same calls an app makes.
 */
// The SDK's warning is about this machine's Node.js, not about the platform; it would bury the answer.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 3,
  ) {
    super(message);
  }
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  identityId: string;
}

export function readOutputs(env: NodeJS.ProcessEnv = process.env): RuntimeOutputs {
  const file = join(resolve(env.SHOP_DATA_DIR || defaultDataDirectory), 'outputs.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RuntimeOutputs;
  } catch {
    throw new CliError(`No ${file}: start the offline platform first (npm start), with the same SHOP_DATA_DIR`);
  }
}

export function rootCredentials(env: NodeJS.ProcessEnv = process.env) {
  return {
    accessKeyId: env.SHOP_ROOT_ACCESS_KEY_ID || localAccount.defaultRootCredentials.accessKeyId,
    secretAccessKey: env.SHOP_ROOT_SECRET_ACCESS_KEY || localAccount.defaultRootCredentials.secretAccessKey,
  };
}

const unreachable = (outputs: RuntimeOutputs, error: unknown) =>
  new CliError(`The offline platform at ${outputs.endpoint} did not answer as expected: ${error instanceof Error ? error.message : String(error)}\nIs npm start running?`);

/** The test users' shared password, from the secret the identity stack declares (read with the administrator keys). */
async function testUsersPassword(outputs: RuntimeOutputs, env: NodeJS.ProcessEnv): Promise<string> {
  if (!outputs.testUsersSecretName) throw new CliError('The running stacks create no test users (SHOP_TEST_USERS=false)', 2);
  const secrets = new SecretsManagerClient({ endpoint: outputs.endpoint, region: outputs.region, credentials: rootCredentials(env), maxAttempts: 1 });
  try {
    const secret = await secrets.send(new GetSecretValueCommand({ SecretId: outputs.testUsersSecretName }));
    return (JSON.parse(secret.SecretString ?? '{}') as { password: string }).password;
  } catch (error) {
    throw unreachable(outputs, error);
  }
}

/**
 * Identity-pool credentials for a test user (signed in with the test password,
 * or `password` when given) or a new guest: USER_PASSWORD_AUTH, GetId,
 * GetCredentialsForIdentity, as an app would.
 */
export async function credentialsFor(
  outputs: RuntimeOutputs,
  who: string,
  options: { password?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TemporaryCredentials> {
  const env = options.env ?? process.env;
  const config = { endpoint: outputs.endpoint, region: outputs.region, maxAttempts: 1 };
  const identity = new CognitoIdentityClient(config);
  let logins: Record<string, string> | undefined;
  if (who !== 'guest') {
    if (!who.includes('@')) throw new CliError(`"${who}" is neither an e-mail address nor guest`, 2);
    const password = options.password ?? env.SHOP_PASSWORD ?? (await testUsersPassword(outputs, env));
    const idp = new CognitoIdentityProviderClient(config);
    let idToken: string | undefined;
    try {
      const answer = await idp.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: outputs.userPoolClientId, AuthParameters: { USERNAME: who, PASSWORD: password } }),
      );
      idToken = answer.AuthenticationResult?.IdToken;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'NotAuthorizedException' || name === 'UserNotFoundException') {
        throw new CliError(`${who} cannot sign in: ${error instanceof Error ? error.message : String(error)} (SHOP_PASSWORD sets another password)`, 2);
      }
      throw unreachable(outputs, error);
    }
    if (!idToken) throw new CliError(`${who} must answer a challenge before signing in (a new password?)`, 2);
    logins = { [`cognito-idp.${outputs.region}.amazonaws.com/${outputs.userPoolId}`]: idToken };
  }
  try {
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: outputs.identityPoolId, Logins: logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    if (!IdentityId || !Credentials?.AccessKeyId || !Credentials.SecretKey || !Credentials.SessionToken || !Credentials.Expiration) {
      throw new Error('GetCredentialsForIdentity answered without credentials');
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
      identityId: IdentityId,
    };
  } catch (error) {
    throw unreachable(outputs, error);
  }
}

/**
 * A shop's current token, read from the table with the administrator keys
 * (tokens rotate, so never from a file) — found by its attributes, as the
 * runtime's banner finds them, not by the platform's key scheme.
 */
export async function currentShopToken(outputs: RuntimeOutputs, shopId: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dynamoDb = new DynamoDBClient({ endpoint: outputs.endpoint, region: outputs.region, credentials: rootCredentials(env), maxAttempts: 1 });
  let token: string | undefined;
  try {
    let startKey: ScanCommandOutput['LastEvaluatedKey'];
    do {
      const page: ScanCommandOutput = await dynamoDb.send(
        new ScanCommand({
          TableName: outputs.tableName,
          FilterExpression: 'entityType = :shop AND shopId = :id',
          ExpressionAttributeValues: { ':shop': { S: 'shop' }, ':id': { S: shopId } },
          ProjectionExpression: 'shopToken',
          ExclusiveStartKey: startKey,
        }),
      );
      token = page.Items?.find((item) => item.shopToken?.S)?.shopToken?.S;
      startKey = page.LastEvaluatedKey;
    } while (!token && startKey);
  } catch (error) {
    throw unreachable(outputs, error);
  }
  if (!token) throw new CliError(`Shop ${shopId} does not exist or has no token yet`, 2);
  return token;
}
