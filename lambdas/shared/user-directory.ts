import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { customAttributes, userRoles, type UserRole } from '../../platform/user-pool';
import type { Clock } from './clock';

/** What the user pool says about a registered user: the role and shop that decide their rights. */
export interface DirectoryUser {
  role?: UserRole;
  shopId?: string;
}

export interface UserDirectory {
  /** `undefined` when the pool has no enabled user with this `sub`. */
  findUser(sub: string): Promise<DirectoryUser | undefined>;
}

export interface CognitoDirectoryOptions {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  clock: Clock;
  /** Role changes take effect within this time; it spares a call per request on a warm container. 0 never caches. */
  cacheMs: number;
  maxCachedUsers?: number;
}

const knownRoles = new Set<string>(Object.values(userRoles));

export function parseDirectoryUser(attributes: readonly { Name?: string; Value?: string }[]): DirectoryUser {
  const value = (name: string) => attributes.find((attribute) => attribute.Name === name)?.Value;
  const role = value(customAttributes.role);
  const shopId = value(customAttributes.shopId);
  return {
    role: role !== undefined && knownRoles.has(role) ? (role as UserRole) : undefined,
    shopId: shopId === undefined || shopId === '' ? undefined : shopId,
  };
}

/** The production directory: AdminGetUser on the pool, cached briefly per container. */
export function cognitoUserDirectory(options: CognitoDirectoryOptions): UserDirectory {
  const { client, userPoolId, clock, cacheMs, maxCachedUsers = 1000 } = options;
  const cache = new Map<string, { user: DirectoryUser | undefined; expiresAt: number }>();
  return {
    async findUser(sub) {
      const now = clock();
      const cached = cache.get(sub);
      if (cached && cached.expiresAt > now) return cached.user;
      cache.delete(sub);
      const user = await fetchUser(client, userPoolId, sub);
      if (cacheMs <= 0) return user;
      if (cache.size >= maxCachedUsers) cache.clear();
      cache.set(sub, { user, expiresAt: now + cacheMs });
      return user;
    },
  };
}

async function fetchUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  sub: string,
): Promise<DirectoryUser | undefined> {
  try {
    // The pool signs users in by e-mail, so each user's username is their sub.
    const output = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: sub }));
    if (output.Enabled === false) return undefined;
    return parseDirectoryUser(output.UserAttributes ?? []);
  } catch (error) {
    if (error instanceof UserNotFoundException) return undefined;
    throw error;
  }
}
