import type { AwsJsonService, AwsOperation, JsonObject } from '../aws-json/service';
import {
  describeIdentity,
  describeIdentityPool,
  getCredentialsForIdentity,
  getId,
  getIdentityPoolRoles,
  getOpenIdToken,
  listIdentityPools,
  type IdentityPoolState,
} from './operations';

export const cognitoIdentityTargetPrefix = 'AWSCognitoIdentityService';
export const cognitoIdentitySigningName = 'cognito-identity';

type Handler = (state: IdentityPoolState, input: JsonObject) => Promise<JsonObject>;

/** Unsigned as on AWS: how an app without credentials gets some. */
const unsignedOperations: Record<string, Handler> = {
  GetId: getId,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  GetOpenIdToken: getOpenIdToken,
};

const signedOperations: Record<string, Handler> = {
  ListIdentityPools: listIdentityPools,
  DescribeIdentityPool: describeIdentityPool,
  GetIdentityPoolRoles: getIdentityPoolRoles,
  DescribeIdentity: describeIdentity,
};

export function createCognitoIdentityService(state: IdentityPoolState): AwsJsonService {
  const { region, accountId } = state.pool;
  // Every identity lives in the one pool; ListIdentityPools acts on no pool.
  const resourceArn = (operation: string) => (input: JsonObject) => {
    if (operation === 'ListIdentityPools') return '*';
    const poolId = operation === 'DescribeIdentity' ? state.pool.identityPoolId : input.IdentityPoolId;
    return `arn:aws:cognito-identity:${region}:${accountId}:identitypool/${typeof poolId === 'string' ? poolId : '*'}`;
  };
  const operations: Record<string, AwsOperation> = {};
  for (const [signed, table] of [
    [false, unsignedOperations],
    [true, signedOperations],
  ] as const) {
    for (const [name, handler] of Object.entries(table)) {
      operations[name] = {
        signed,
        iamAction: `${cognitoIdentitySigningName}:${name}`,
        resourceArn: resourceArn(name),
        handler: (input) => handler(state, input),
      };
    }
  }
  return { targetPrefix: cognitoIdentityTargetPrefix, signingName: cognitoIdentitySigningName, operations };
}
