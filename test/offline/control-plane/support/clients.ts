import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { TestControlPlane } from './server';

export function clientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

export interface Clients {
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  secrets: SecretsManagerClient;
}

export function clients(endpoint: string): Clients {
  const config = clientConfig(endpoint);
  return {
    idp: new CognitoIdentityProviderClient(config),
    identity: new CognitoIdentityClient(config),
    secrets: new SecretsManagerClient(config),
  };
}

/** The test users' password, read the way the walkthrough reads it: from the secret. */
export async function testUsersPassword(harness: TestControlPlane, secrets: SecretsManagerClient): Promise<string> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: harness.secret?.name }));
  const parsed = JSON.parse(secret.SecretString ?? '{}') as { password?: string };
  if (!parsed.password) throw new Error('The secret holds no password');
  return parsed.password;
}

export async function signIn(harness: TestControlPlane, idp: CognitoIdentityProviderClient, email: string, password: string) {
  const response = await idp.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: harness.plane.ids.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const result = response.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) throw new Error(`No tokens for ${email}`);
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

/** Resolves to the error an AWS SDK call failed with, failing the test if it succeeded. */
export async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await call;
  } catch (error: unknown) {
    const failed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, message: failed.message, status: failed.$metadata?.httpStatusCode };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
