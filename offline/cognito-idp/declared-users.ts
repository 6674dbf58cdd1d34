import type { DeclaredUser } from '../deployment/model';
import { generateTemporaryPassword } from './password-policy';
import type { UserStatus } from './user-directory';
import type { UserPoolState } from './user-pool-state';

export interface DeclaredUserSummary {
  /** The sign-in name (the e-mail address). */
  email: string;
  /** The user's `sub`. */
  username: string;
  attributes: Record<string, string>;
  status: UserStatus;
}

/**
 * Creates the users the stacks declare (aws_cognito_user) as Terraform does:
 * AdminCreateUser with the declared attributes and a temporary password no one
 * is told (the declared users have their invitation suppressed), so the status
 * is FORCE_CHANGE_PASSWORD until a provisioner sets a password. A user already
 * there from an earlier start gets the declared attributes again if they changed.
 */
export async function applyDeclaredUser(state: UserPoolState, user: DeclaredUser, changed: boolean): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = state.users.get(user.sub);
  const now = state.clock();
  if (existing) {
    if (!changed) return 'unchanged';
    state.users.update(existing.username, (stored) => {
      Object.assign(stored.attributes, user.attributes);
      stored.enabled = user.enabled;
      stored.modifiedAt = now;
    });
    return 'updated';
  }
  const { passwordPolicy } = state.pool.config;
  state.users.insert({
    username: user.sub,
    attributes: { ...user.attributes, sub: user.sub, ...(user.attributes.email === undefined ? { email: user.username } : {}) },
    status: 'FORCE_CHANGE_PASSWORD',
    enabled: user.enabled,
    passwordHash: await state.passwords.hash(generateTemporaryPassword(passwordPolicy)),
    temporaryPasswordExpiresAt: now + passwordPolicy.temporaryPasswordValidityDays * 24 * 60 * 60 * 1000,
    createdAt: now,
    modifiedAt: now,
  });
  return 'created';
}

export function summarizeDeclaredUsers(state: UserPoolState, users: readonly DeclaredUser[]): DeclaredUserSummary[] {
  return users.flatMap((declared) => {
    const user = state.users.get(declared.sub);
    if (!user) return [];
    return [{ email: user.attributes.email ?? declared.username, username: user.username, attributes: { ...user.attributes }, status: user.status }];
  });
}
