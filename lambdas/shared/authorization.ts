import { userRoles } from '../../platform/user-pool';
import type { Caller } from './caller';
import { forbidden } from './http-error';
import type { UserDirectory } from './user-directory';

/**
 * Role checks that need the user pool. IAM already limits which role may call
 * which route and, for shop owners, which shop; these checks repeat that in
 * the function so a policy mistake alone cannot open another tenant's data.
 */
export async function ownedShopId(caller: Caller, users: UserDirectory): Promise<string | undefined> {
  if (caller.kind !== 'registered') return undefined;
  const user = await users.findUser(caller.sub);
  return user?.role === userRoles.shopOwner ? user.shopId : undefined;
}

/** Throws 403 unless the caller owns `shopId`; decided before anything about the shop is read. */
export async function requireShopOwner(caller: Caller, users: UserDirectory, shopId: string): Promise<void> {
  if ((await ownedShopId(caller, users)) !== shopId) {
    throw forbidden(`Only the owner of shop ${shopId} may use this operation`);
  }
}

export async function requireAdmin(caller: Caller, users: UserDirectory): Promise<void> {
  const user = caller.kind === 'registered' ? await users.findUser(caller.sub) : undefined;
  if (user?.role !== userRoles.admin) throw forbidden('Only platform administrators may use this operation');
}
