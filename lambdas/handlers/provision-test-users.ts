import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { environmentVariables } from '../../platform/functions';
import { ensureSharedPassword, parseUsernames, setPermanentPassword } from '../provisioning/test-users-password';
import { requiredSetting } from '../shared/configuration';
import { instrumented } from '../shared/instrumented';
import { logger } from '../shared/observability';

const secrets = new SecretsManagerClient({});
const cognito = new CognitoIdentityProviderClient({});

/**
 * Invoked once by Terraform after the test users exist: makes sure the shared
 * password exists in Secrets Manager and sets it on every test user. It never
 * returns or logs the password (the invocation result lands in Terraform state).
 */
export const handler = (event: unknown, context?: Context): Promise<{ usersProvisioned: number; passwordCreated: boolean }> =>
  instrumented('provisionTestUsers', context, {}, async () => {
    const usernames = parseUsernames(event);
    const userPoolId = requiredSetting(process.env, environmentVariables.userPoolId);
    const secretId = requiredSetting(process.env, environmentVariables.testUsersSecretId);
    const { password, created } = await ensureSharedPassword(secrets, secretId);
    await setPermanentPassword(cognito, userPoolId, usernames, password);
    logger.info('Test users provisioned', { users: usernames.length, passwordCreated: created });
    return { usersProvisioned: usernames.length, passwordCreated: created };
  });
