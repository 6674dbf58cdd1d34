import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';
import { environmentVariables } from '../../platform/functions';
import { ensureSharedPassword, parseUsernames, setPermanentPassword } from '../provisioning/test-users-password';

const logger = new Logger();
const secrets = new SecretsManagerClient({});
const cognito = new CognitoIdentityProviderClient({});

function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * Invoked once by Terraform after the test users exist: makes sure the shared
 * password exists in Secrets Manager and sets it on every test user. It never
 * returns or logs the password (the invocation result lands in Terraform state).
 */
export const handler = async (event: unknown): Promise<{ usersProvisioned: number; passwordCreated: boolean }> => {
  const usernames = parseUsernames(event);
  const userPoolId = requiredEnvironment(environmentVariables.userPoolId);
  const secretId = requiredEnvironment(environmentVariables.testUsersSecretId);
  const { password, created } = await ensureSharedPassword(secrets, secretId);
  await setPermanentPassword(cognito, userPoolId, usernames, password);
  logger.info('Test users provisioned', { users: usernames.length, passwordCreated: created });
  return { usersProvisioned: usernames.length, passwordCreated: created };
};
