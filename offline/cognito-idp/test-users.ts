import { randomUUID } from 'node:crypto';
import { customAttributes } from '../../platform/user-pool';
import { allTestUsers, type TestUser } from '../../platform/test-users';
import { hashPassword } from './password-hash';
import type { UserStatus } from './user-directory';
import type { UserPoolState } from './user-pool-state';

export interface TestUserSummary {
  email: string;
  name: string;
  role: TestUser['role'];
  shopId?: string;
  /** The user's `sub`. */
  username: string;
  status: UserStatus;
}

/**
 * Creates the platform's test users that are missing, CONFIRMED with the shared
 * password, as the identity stack does. Existing users are left as they are.
 */
export async function ensureTestUsers(state: UserPoolState, password: string): Promise<void> {
  for (const testUser of allTestUsers) {
    if (state.users.findByEmail(testUser.email)) continue;
    const sub = randomUUID();
    const now = state.clock();
    const attributes: Record<string, string> = {
      sub,
      email: testUser.email,
      email_verified: 'true',
      name: testUser.name,
      phone_number: testUser.phoneNumber,
      [customAttributes.role]: testUser.role,
    };
    if (testUser.shopId !== undefined) attributes[customAttributes.shopId] = testUser.shopId;
    state.users.insert({
      username: sub,
      attributes,
      status: 'CONFIRMED',
      enabled: true,
      passwordHash: await hashPassword(password),
      createdAt: now,
      modifiedAt: now,
    });
  }
}

export function listTestUsers(state: UserPoolState): TestUserSummary[] {
  const summaries: TestUserSummary[] = [];
  for (const testUser of allTestUsers) {
    const user = state.users.findByEmail(testUser.email);
    if (!user) continue;
    summaries.push({
      email: testUser.email,
      name: testUser.name,
      role: testUser.role,
      ...(testUser.shopId === undefined ? {} : { shopId: testUser.shopId }),
      username: user.username,
      status: user.status,
    });
  }
  return summaries;
}
