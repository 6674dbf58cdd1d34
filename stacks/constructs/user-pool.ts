import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { Construct } from 'constructs';
import { userPool, userPoolClientName, userPoolName } from '../../platform/user-pool';

/**
 * The user pool and its app client. Users may sign themselves up, but the client
 * can write only standard attributes: `custom:role` and `custom:shopId` decide a
 * caller's IAM role and shop, so only administrators set them.
 */
export class UserPool extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;

  constructor(scope: Construct, id: string, props: { prefix: string }) {
    super(scope, id);
    const policy = userPool.passwordPolicy;
    this.pool = new CognitoUserPool(this, 'pool', {
      name: userPoolName(props.prefix),
      usernameAttributes: [...userPool.usernameAttributes],
      usernameConfiguration: { caseSensitive: userPool.usernameCaseSensitive },
      autoVerifiedAttributes: [...userPool.autoVerifiedAttributes],
      userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: [...userPool.attributesRequireVerificationBeforeUpdate] },
      mfaConfiguration: 'OFF',
      adminCreateUserConfig: { allowAdminCreateUserOnly: false },
      passwordPolicy: {
        minimumLength: policy.minimumLength,
        requireUppercase: policy.requireUppercase,
        requireLowercase: policy.requireLowercase,
        requireNumbers: policy.requireNumbers,
        requireSymbols: policy.requireSymbols,
        temporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
      },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      schema: [
        {
          name: 'email',
          attributeDataType: 'String',
          required: true,
          mutable: true,
          stringAttributeConstraints: { minLength: '5', maxLength: '254' },
        },
        ...userPool.customAttributes.map((attribute) => ({
          name: attribute.name,
          attributeDataType: 'String',
          // Mutable so administrators can move a user between roles or shops.
          mutable: true,
          developerOnlyAttribute: false,
          stringAttributeConstraints: {
            minLength: String(attribute.minLength),
            maxLength: String(attribute.maxLength),
          },
        })),
      ],
    });

    const client = userPool.client;
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: userPoolClientName(props.prefix),
      userPoolId: this.pool.id,
      generateSecret: false,
      explicitAuthFlows: [...client.explicitAuthFlows],
      preventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      readAttributes: [...client.readAttributes],
      writeAttributes: [...client.writeAttributes],
      enableTokenRevocation: true,
      idTokenValidity: client.tokenValidity.idTokenMinutes,
      accessTokenValidity: client.tokenValidity.accessTokenMinutes,
      refreshTokenValidity: client.tokenValidity.refreshTokenDays,
      tokenValidityUnits: [{ idToken: 'minutes', accessToken: 'minutes', refreshToken: 'days' }],
    });
  }
}
