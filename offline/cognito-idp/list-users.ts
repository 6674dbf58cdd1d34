import { invalidParameter } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { schemaAttribute } from './schema';
import { checkUserPool, describeUser, userPoolIdRule } from './operation-support';
import type { PoolUser } from './user-directory';
import type { UserPoolState } from './user-pool-state';

/** The attributes Cognito lets ListUsers filter on (custom attributes are not searchable). */
const searchable: Readonly<Record<string, (user: PoolUser) => string | undefined>> = {
  username: (user) => user.username,
  email: (user) => user.attributes.email,
  phone_number: (user) => user.attributes.phone_number,
  name: (user) => user.attributes.name,
  given_name: (user) => user.attributes.given_name,
  family_name: (user) => user.attributes.family_name,
  preferred_username: (user) => user.attributes.preferred_username,
  'cognito:user_status': (user) => user.status,
  status: (user) => (user.enabled ? 'Enabled' : 'Disabled'),
  sub: (user) => user.username,
};

export interface UserFilter {
  attribute: string;
  operator: '=' | '^=';
  value: string;
}

/** `email = "a@b.c"`, `email ^= "a"`; the value is a double-quoted string with `\"` and `\\` escapes. */
export function parseUserFilter(filter: string): UserFilter | undefined {
  if (filter.trim() === '') return undefined;
  const match = /^\s*([\w:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, attribute, operator, quoted] = match;
  if (!Object.hasOwn(searchable, attribute)) {
    throw invalidParameter(`Invalid search attribute: ${attribute}. Searchable attributes: ${Object.keys(searchable).join(', ')}`);
  }
  return { attribute, operator: operator === '^=' ? '^=' : '=', value: quoted.replace(/\\(.)/g, '$1') };
}

function matches(user: PoolUser, filter: UserFilter | undefined): boolean {
  if (!filter) return true;
  const value = searchable[filter.attribute](user);
  if (value === undefined) return false;
  return filter.operator === '=' ? value === filter.value : value.startsWith(filter.value);
}

function encodeToken(afterUsername: string): string {
  return Buffer.from(JSON.stringify({ after: afterUsername })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'after' in parsed && typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('Invalid pagination token.');
}

export async function listUsers(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:ListUsers').allowOnly(['UserPoolId', 'AttributesToGet', 'Limit', 'PaginationToken', 'Filter']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const attributesToGet = reader.optionalStringList('AttributesToGet');
  const limit = reader.optionalInteger('Limit', 0, 60) || 60;
  const token = reader.optionalString('PaginationToken', { minLength: 1 });
  const filter = parseUserFilter(reader.optionalString('Filter', { maxLength: 256 }) ?? '');
  for (const name of attributesToGet ?? []) {
    if (!schemaAttribute(state.pool.config, name)) throw invalidParameter(`One or more requested attributes do not exist: ${name}`);
  }
  const include = attributesToGet ? (name: string) => attributesToGet.includes(name) : undefined;
  const after = token === undefined ? undefined : decodeToken(token);
  // Sorted by username so a pagination token stays meaningful while users are added.
  const candidates = state.users
    .list()
    .filter((user) => matches(user, filter))
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
    .filter((user) => after === undefined || user.username > after);
  const page = candidates.slice(0, limit);
  return {
    Users: page.map((user) => describeUser(user, include)),
    ...(candidates.length > limit ? { PaginationToken: encodeToken(page[page.length - 1].username) } : {}),
  };
}
