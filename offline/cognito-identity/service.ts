import { arns } from '../aws/arns';
import { operationTable, type AwsJsonService, type JsonObject, type StatefulHandler } from '../aws-json/service';
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

type Handler = StatefulHandler<IdentityPoolState>;

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
  const resourceArn = (operation: string, input: JsonObject) => {
    if (operation === 'ListIdentityPools') return '*';
    const poolId = operation === 'DescribeIdentity' ? state.pool.identityPoolId : input.IdentityPoolId;
    return arns.identityPool({ region, accountId }, typeof poolId === 'string' ? poolId : '*');
  };
  const operations = operationTable({
    signingName: cognitoIdentitySigningName,
    state,
    unsigned: unsignedOperations,
    signed: signedOperations,
    resourceArn,
  });
  return { targetPrefix: cognitoIdentityTargetPrefix, signingName: cognitoIdentitySigningName, operations };
}
