import { userRoles, type UserRole } from './user-pool';

/**
 * The test users both forms create (switched off on AWS with SHOP_TEST_USERS=false).
 * Their one shared password is generated where the platform runs and kept in the
 * `<prefix>-TestUsersPassword` secret as `{"password": "..."}`, never here.
 */
export interface TestUser {
  email: string;
  name: string;
  phoneNumber: string;
  role: UserRole;
  shopId?: string;
}

export const testUsers = {
  shop1Owner: {
    email: 'shop1owner@example.com',
    name: 'Shop One Owner',
    phoneNumber: '+41790000001',
    role: userRoles.shopOwner,
    shopId: '0001',
  },
  shop2Owner: {
    email: 'shop2owner@example.com',
    name: 'Shop Two Owner',
    phoneNumber: '+41790000002',
    role: userRoles.shopOwner,
    shopId: '0002',
  },
  admin: {
    email: 'adminuser@example.com',
    name: 'Platform Admin',
    phoneNumber: '+41790000003',
    role: userRoles.admin,
  },
  registeredCustomer1: {
    email: 'registeredcustomer1@example.com',
    name: 'Registered Customer One',
    phoneNumber: '+41790000004',
    role: userRoles.customer,
  },
} as const satisfies Record<string, TestUser>;

export type TestUserKey = keyof typeof testUsers;
export const allTestUsers: readonly TestUser[] = Object.values(testUsers);

export function testUsersSecretName(prefix: string): string {
  return `${prefix}-TestUsersPassword`;
}

/** The secret's JSON shape. */
export interface TestUsersSecret {
  password: string;
}
