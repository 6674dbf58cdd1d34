/**
 * The Cognito user pool and its app client, as the identity stack deploys them
 * and the offline runtime emulates them.
 */
export const customAttributes = {
  role: 'custom:role',
  shopId: 'custom:shopId',
} as const;

/** Values of `custom:role`. */
export const userRoles = {
  customer: 'customer',
  shopOwner: 'shop_owner',
  admin: 'admin',
} as const;
export type UserRole = (typeof userRoles)[keyof typeof userRoles];

export const passwordPolicy = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: false,
  temporaryPasswordValidityDays: 7,
} as const;

/** Standard attributes a user may set on themselves through the app client. */
const selfServiceAttributes = ['email', 'name', 'phone_number'] as const;

export const userPool = {
  nameSuffix: 'UserPool',
  /** Users sign in with their e-mail address; the username itself is the `sub`. */
  usernameAttributes: ['email'],
  /** `Ann@Example.com` and `ann@example.com` are one user. */
  usernameCaseSensitive: false,
  autoVerifiedAttributes: ['email'],
  /**
   * A changed e-mail stays pending until its code is entered; until then the old
   * address keeps signing in. Without it anyone could claim an address they do
   * not own, sign in with it and block its owner's sign-up.
   */
  attributesRequireVerificationBeforeUpdate: ['email'],
  passwordPolicy,
  customAttributes: [
    { name: 'role', minLength: 1, maxLength: 32 },
    { name: 'shopId', minLength: 1, maxLength: 64 },
  ],
  client: {
    nameSuffix: 'ApiClient',
    explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    /**
     * Only standard attributes: the custom ones decide a caller's IAM role and
     * shop, so only an administrator (AdminUpdateUserAttributes) may set them.
     */
    writeAttributes: [...selfServiceAttributes],
    readAttributes: [
      ...selfServiceAttributes,
      'email_verified',
      'phone_number_verified',
      customAttributes.role,
      customAttributes.shopId,
    ],
    preventUserExistenceErrors: true,
    tokenValidity: { idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenDays: 30 },
  },
} as const;

export function userPoolName(prefix: string): string {
  return `${prefix}-${userPool.nameSuffix}`;
}

export function userPoolClientName(prefix: string): string {
  return `${prefix}-${userPool.client.nameSuffix}`;
}

/** The issuer of the pool's tokens, also the identity pool's provider name without the scheme. */
export function userPoolProviderName(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** Reasons a password breaks the pool's policy, in Cognito's words; empty when it conforms. */
export function passwordPolicyViolations(password: string): string[] {
  const violations: string[] = [];
  if (password.length < passwordPolicy.minimumLength) violations.push('Password not long enough');
  if (passwordPolicy.requireUppercase && !/[A-Z]/.test(password)) {
    violations.push('Password must have uppercase characters');
  }
  if (passwordPolicy.requireLowercase && !/[a-z]/.test(password)) {
    violations.push('Password must have lowercase characters');
  }
  if (passwordPolicy.requireNumbers && !/[0-9]/.test(password)) violations.push('Password must have numeric characters');
  if (passwordPolicy.requireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/.test(password)) {
    violations.push('Password must have symbol characters');
  }
  return violations;
}
