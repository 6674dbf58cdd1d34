import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAwsJsonDispatcher, type AwsJsonDispatcher } from './aws-json/dispatcher';
import type { HttpRequestData, HttpResponseData } from './aws-json/http';
import type { AuthorizeHook } from './aws-json/service';
import { createIdentityPoolContext, createCognitoIdentityService, IdentityStore } from './cognito-identity';
import { createUserPool, createUserPoolContext, type IdTokenClaims, type JwksEndpoint, type OfflineUserPool, type ScryptCost } from './cognito-idp';
import type { CredentialStore } from './credentials/credential-store';
import type { IdentityPoolConfig, UserPoolClientConfig, UserPoolConfig } from './deployment/model';
import type { IamRoles } from './iam/roles';
import { createSecretsManager, type SecretsManager } from './secrets-manager';
import { CreatedSecrets } from './secrets-manager/created-secrets';
import { systemClock, type Clock } from './state/clock';
import type { DocumentStore } from './state/document-store';
import { loadOrCreateSigningKey } from './state/signing-key';
import { handleStsQuery, isQueryProtocolRequest, serveStsQuery } from './sts';

export interface ControlPlaneLogger {
  /** Confirmation codes and invitations land here, as the e-mails Cognito would send. */
  info(message: string): void;
  /** Failures that answered 500: bugs. */
  error(message: string): void;
}

export interface ControlPlaneOptions {
  store: DocumentStore;
  accountId: string;
  region: string;
  userPool: UserPoolConfig;
  userPoolClient: UserPoolClientConfig;
  identityPool: IdentityPoolConfig;
  /** The roles of the stacks: whom the identity pool may hand out, and on what trust. */
  roles: IamRoles;
  /** Every access key the account knows: root keys and identity-pool sessions. */
  credentials: CredentialStore;
  logger: ControlPlaneLogger;
  /**
   * SigV4 verification and IAM evaluation for signed operations. It may close
   * over the returned control plane (its credential store), since it is only
   * called once requests arrive.
   */
  authorize: AuthorizeHook;
  clock?: Clock;
  /** What the user pool's new password hashes cost; the standard cost unless a test asks for less. */
  scryptCost?: ScryptCost;
}

export interface ControlPlaneIds {
  accountId: string;
  region: string;
  userPoolId: string;
  userPoolName: string;
  userPoolArn: string;
  userPoolClientId: string;
  userPoolClientName: string;
  /** `cognito-idp.<region>.amazonaws.com/<poolId>`: the Logins key. */
  userPoolProviderName: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the tokens' `iss`. */
  issuer: string;
  identityPoolId: string;
  identityPoolName: string;
  identityPoolArn: string;
}

export interface RequestEndpoint {
  accepts(request: HttpRequestData): boolean;
  handle(request: HttpRequestData): HttpResponseData;
  serveNode(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export interface ControlPlane {
  ids: ControlPlaneIds;
  /** The data directory's absolute path, or `(in memory)`. */
  dataLocation: string;
  credentials: CredentialStore;
  /** Cognito user pool, identity pool and Secrets Manager: requests with `X-Amz-Target`. */
  awsJson: AwsJsonDispatcher;
  /** `GET /<userPoolId>/.well-known/jwks.json`. */
  jwks: JwksEndpoint;
  /** STS Query protocol: form-encoded POSTs with an `Action` parameter. */
  sts: RequestEndpoint;
  userPool: OfflineUserPool;
  secrets: SecretsManager;
  verifyIdToken(token: string): Promise<IdTokenClaims>;
}

/** Cognito (user pool and identity pool), Secrets Manager and STS, as the stacks declare them. */
export async function createControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const clock = options.clock ?? systemClock;
  const { store, region, accountId } = options;
  const signingKey = await loadOrCreateSigningKey(store);

  const userPoolContext = createUserPoolContext({ region, accountId, pool: options.userPool, client: options.userPoolClient });
  const userPool = createUserPool({ context: userPoolContext, store, signingKey, clock, logger: options.logger, scryptCost: options.scryptCost });

  const { credentials } = options;
  const identityPoolContext = createIdentityPoolContext({ region, accountId, config: options.identityPool });
  const identityService = createCognitoIdentityService({
    pool: identityPoolContext,
    identities: new IdentityStore(store, region, clock),
    credentials,
    verifiers: new Map([[userPoolContext.providerName, userPool.verifyIdToken]]),
    roles: options.roles,
  });

  const secrets = createSecretsManager({ region, accountId, created: new CreatedSecrets(store), clock });
  const awsJson = createAwsJsonDispatcher({
    services: [userPool.service, identityService, secrets.service],
    authorize: options.authorize,
    logger: options.logger,
  });

  return {
    ids: {
      accountId,
      region,
      userPoolId: userPoolContext.userPoolId,
      userPoolName: userPoolContext.userPoolName,
      userPoolArn: userPoolContext.userPoolArn,
      userPoolClientId: userPoolContext.clientId,
      userPoolClientName: userPoolContext.clientName,
      userPoolProviderName: userPoolContext.providerName,
      issuer: userPoolContext.issuer,
      identityPoolId: identityPoolContext.identityPoolId,
      identityPoolName: identityPoolContext.identityPoolName,
      identityPoolArn: identityPoolContext.identityPoolArn,
    },
    dataLocation: store.location,
    credentials,
    awsJson,
    jwks: userPool.jwks,
    sts: { accepts: isQueryProtocolRequest, handle: handleStsQuery, serveNode: serveStsQuery },
    userPool,
    secrets,
    verifyIdToken: userPool.verifyIdToken,
  };
}
