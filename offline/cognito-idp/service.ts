import { operationTable, type AwsJsonService, type JsonObject, type StatefulHandler } from '../aws-json/service';
import {
  adminCreateUser,
  adminDisableUser,
  adminEnableUser,
  adminGetUser,
  adminSetUserPassword,
  adminUpdateUserAttributes,
} from './admin-users';
import { describeUserPool, describeUserPoolClient, listUserPoolClients, listUserPools } from './describe';
import { listUsers } from './list-users';
import { arns } from '../aws/arns';
import { getUser, updateUserAttributes, verifyUserAttribute } from './self-service';
import { initiateAuth, respondToAuthChallenge } from './sign-in';
import { confirmSignUp, resendConfirmationCode, signUp } from './sign-up';
import type { UserPoolState } from './user-pool-state';

export const cognitoIdpTargetPrefix = 'AWSCognitoIdentityProviderService';
export const cognitoIdpSigningName = 'cognito-idp';

type Handler = StatefulHandler<UserPoolState>;

/**
 * Unsigned as on AWS: the client-side operations an app calls before it has
 * credentials, authenticated by a password, a code or an access token instead.
 */
const unsignedOperations: Record<string, Handler> = {
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  GetUser: getUser,
  UpdateUserAttributes: updateUserAttributes,
  VerifyUserAttribute: verifyUserAttribute,
};

/** Signed: administration and inspection, authorized by IAM. */
const signedOperations: Record<string, Handler> = {
  ListUserPools: listUserPools,
  DescribeUserPool: describeUserPool,
  ListUserPoolClients: listUserPoolClients,
  DescribeUserPoolClient: describeUserPoolClient,
  AdminGetUser: adminGetUser,
  AdminCreateUser: adminCreateUser,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  ListUsers: listUsers,
};

export function createCognitoIdpService(state: UserPoolState): AwsJsonService {
  const { region, accountId } = state.pool;
  // The pool the request names; IAM decides whether the caller may touch it (ListUserPools acts on no pool).
  const poolResource = (operation: string, input: JsonObject) =>
    operation === 'ListUserPools'
      ? '*'
      : arns.userPool({ region, accountId }, typeof input.UserPoolId === 'string' ? input.UserPoolId : '*');
  const operations = operationTable({
    signingName: cognitoIdpSigningName,
    state,
    unsigned: unsignedOperations,
    signed: signedOperations,
    resourceArn: poolResource,
  });
  return { targetPrefix: cognitoIdpTargetPrefix, signingName: cognitoIdpSigningName, operations };
}
