import { invalidParameter } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { checkClient, checkUserPool, clientIdRule, userPoolIdRule } from './operation-support';
import { epochSeconds } from './pool-context';
import { describeSchema } from './schema';
import type { UserPoolState } from './user-pool-state';

/** There is one pool and one client, so any continuation token is one this runtime never issued. */
function rejectNextToken(token: string | undefined): void {
  if (token !== undefined) throw invalidParameter('Invalid NextToken: the offline user pool has a single page of results');
}

export async function listUserPools(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:ListUserPools').allowOnly(['MaxResults', 'NextToken']);
  reader.requiredInteger('MaxResults', 1, 60);
  rejectNextToken(reader.optionalString('NextToken'));
  const { pool } = state;
  return {
    UserPools: [
      {
        Id: pool.userPoolId,
        Name: pool.userPoolName,
        LambdaConfig: {},
        CreationDate: epochSeconds(pool.createdAt),
        LastModifiedDate: epochSeconds(pool.createdAt),
      },
    ],
  };
}

export async function describeUserPool(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:DescribeUserPool').allowOnly(['UserPoolId']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const { pool } = state;
  const { config } = pool;
  const passwordPolicy = config.passwordPolicy;
  return {
    UserPool: {
      Id: pool.userPoolId,
      Name: pool.userPoolName,
      Arn: pool.userPoolArn,
      CreationDate: epochSeconds(pool.createdAt),
      LastModifiedDate: epochSeconds(pool.createdAt),
      Policies: {
        PasswordPolicy: {
          MinimumLength: passwordPolicy.minimumLength,
          RequireUppercase: passwordPolicy.requireUppercase,
          RequireLowercase: passwordPolicy.requireLowercase,
          RequireNumbers: passwordPolicy.requireNumbers,
          RequireSymbols: passwordPolicy.requireSymbols,
          TemporaryPasswordValidityDays: passwordPolicy.temporaryPasswordValidityDays,
        },
      },
      DeletionProtection: 'INACTIVE',
      LambdaConfig: {},
      SchemaAttributes: describeSchema(config),
      AutoVerifiedAttributes: [...config.autoVerifiedAttributes],
      UsernameAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [...config.attributesRequireVerificationBeforeUpdate] },
      MfaConfiguration: 'OFF',
      EstimatedNumberOfUsers: state.users.size,
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: config.allowAdminCreateUserOnly,
        UnusedAccountValidityDays: passwordPolicy.temporaryPasswordValidityDays,
      },
      UsernameConfiguration: { CaseSensitive: config.caseSensitive },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
    },
  };
}

export async function listUserPoolClients(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:ListUserPoolClients').allowOnly(['UserPoolId', 'MaxResults', 'NextToken']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  reader.optionalInteger('MaxResults', 1, 60);
  rejectNextToken(reader.optionalString('NextToken'));
  const { pool } = state;
  return { UserPoolClients: [{ ClientId: pool.clientId, UserPoolId: pool.userPoolId, ClientName: pool.clientName }] };
}

export async function describeUserPoolClient(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:DescribeUserPoolClient').allowOnly(['UserPoolId', 'ClientId']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  checkClient(state, reader.requiredString('ClientId', clientIdRule));
  const { pool } = state;
  const { client } = pool;
  const { idToken, accessToken, refreshToken } = client.declaredValidity;
  return {
    UserPoolClient: {
      UserPoolId: pool.userPoolId,
      ClientName: pool.clientName,
      ClientId: pool.clientId,
      CreationDate: epochSeconds(pool.createdAt),
      LastModifiedDate: epochSeconds(pool.createdAt),
      RefreshTokenValidity: refreshToken.value,
      AccessTokenValidity: accessToken.value,
      IdTokenValidity: idToken.value,
      TokenValidityUnits: { AccessToken: accessToken.unit, IdToken: idToken.unit, RefreshToken: refreshToken.unit },
      ...(client.readAttributes ? { ReadAttributes: [...client.readAttributes] } : {}),
      ...(client.writeAttributes ? { WriteAttributes: [...client.writeAttributes] } : {}),
      ExplicitAuthFlows: [...client.explicitAuthFlows],
      SupportedIdentityProviders: ['COGNITO'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      EnableTokenRevocation: false,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: client.authSessionMinutes,
    },
  };
}
