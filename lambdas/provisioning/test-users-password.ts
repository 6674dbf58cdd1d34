import {
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { generatePassword } from '../../platform/password';
import type { TestUsersSecret } from '../../platform/test-users';
import { passwordPolicyViolations } from '../../platform/user-pool';

/**
 * The test users' shared password: read from the secret, or generated and stored
 * on the first run. A later run reuses it, so re-deploying never changes it.
 */
export async function ensureSharedPassword(
  secrets: SecretsManagerClient,
  secretId: string,
): Promise<{ password: string; created: boolean }> {
  try {
    const current = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
    const stored = JSON.parse(current.SecretString ?? '{}') as Partial<TestUsersSecret>;
    if (typeof stored.password === 'string' && passwordPolicyViolations(stored.password).length === 0) {
      return { password: stored.password, created: false };
    }
  } catch (error) {
    // A secret created without a value has no AWSCURRENT version yet.
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const password = generatePassword();
  const value: TestUsersSecret = { password };
  await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(value) }));
  return { password, created: true };
}

/** Sets the password as permanent, which also confirms users created by an administrator. */
export async function setPermanentPassword(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  usernames: readonly string[],
  password: string,
): Promise<void> {
  for (const username of usernames) {
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }),
    );
  }
}

/** The invocation input Terraform sends: `{"usernames": [...]}`. */
export function parseUsernames(event: unknown): string[] {
  const usernames = (event as { usernames?: unknown } | null)?.usernames;
  if (
    !Array.isArray(usernames) ||
    usernames.length === 0 ||
    usernames.length > 50 ||
    !usernames.every((name) => typeof name === 'string' && name.length > 0 && name.length <= 128)
  ) {
    throw new Error('The event must be {"usernames": [...]} with 1 to 50 usernames');
  }
  return usernames;
}
