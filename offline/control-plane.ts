import type { IncomingMessage, ServerResponse } from 'node:http';
import { testUsersSecretName } from '../platform/test-users';
import { createAwsJsonDispatcher, type AwsJsonDispatcher } from './aws-json/dispatcher';
import type { HttpRequestData, HttpResponseData } from './aws-json/http';
import type { AuthorizeHook, AwsJsonService } from './aws-json/service';
import { createIdentityPoolContext, createCognitoIdentityService, IdentityStore } from './cognito-identity';
import { createUserPool, createUserPoolContext, type IdTokenClaims, type JwksEndpoint, type TestUserSummary } from './cognito-idp';
import { CredentialStore } from './credentials/credential-store';
import type { StaticCredentials } from './credentials/types';
import { localAccountId } from './credentials/types';
import { createSecretsManagerService, secretArn, type StoredSecret } from './secrets-manager';
import { CreatedSecrets } from './secrets-manager/created-secrets';
import { systemClock, type Clock } from './state/clock';
import { createDocumentStore } from './state/document-store';
import { loadOrCreateResourceIds } from './state/resources';
import { loadOrCreateSigningKey } from './state/signing-key';
import { loadOrCreateTestUsersPassword } from './state/test-users-password';
import { handleStsQuery, isQueryProtocolRequest, serveStsQuery } from './sts';

export interface ControlPlaneLogger {
  /** Confirmation codes and invitations land here, as the e-mails Cognito would send. */
  info(message: string): void;
  /** Failures that answered 500: bugs. */
  error(message: string): void;
}

export interface ControlPlaneOptions {
  /** Where state is kept, e.g. `.local-data`; required unless `inMemory`. */
  dataDirectory?: string;
  /** Keep everything in memory; nothing is written to disk. */
  inMemory?: boolean;
  region: string;
  prefix: string;
  /** Defaults to `test` / `test`. */
  rootCredentials?: StaticCredentials;
  /** Create the platform's test users and their password secret, as the stacks do by default. */
  createTestUsers: boolean;
  logger: ControlPlaneLogger;
  /**
   * SigV4 verification and IAM evaluation for signed operations. It may close
   * over the returned control plane (its credential store), since it is only
   * called once requests arrive.
   */
  authorize: AuthorizeHook;
  clock?: Clock;
}

export interface ControlPlaneIds {
  accountId: string;
  region: string;
  prefix: string;
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
  /** Present when test users are on. */
  testUsersSecretName?: string;
  testUsersSecretArn?: string;
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
  listTestUsers(): TestUserSummary[];
  verifyIdToken(token: string): Promise<IdTokenClaims>;
}

export async function createControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const clock = options.clock ?? systemClock;
  const store = createDocumentStore(options);
  const resources = loadOrCreateResourceIds(store, options.region, clock());
  const signingKey = await loadOrCreateSigningKey(store);
  const testUsersPassword = options.createTestUsers ? loadOrCreateTestUsersPassword(store) : undefined;

  const userPoolContext = createUserPoolContext({
    region: options.region,
    prefix: options.prefix,
    userPoolId: resources.userPoolId,
    clientId: resources.appClientId,
    createdAt: resources.userPoolCreatedAt,
  });
  const userPool = await createUserPool({
    context: userPoolContext,
    store,
    signingKey,
    clock,
    logger: options.logger,
    testUsersPassword,
  });

  const credentials = new CredentialStore({ store, clock, rootCredentials: options.rootCredentials });
  const identityPoolContext = createIdentityPoolContext({
    region: options.region,
    prefix: options.prefix,
    identityPoolId: resources.identityPoolId,
    providerName: userPoolContext.providerName,
    clientId: userPoolContext.clientId,
  });
  const identityService = createCognitoIdentityService({
    pool: identityPoolContext,
    identities: new IdentityStore(store, options.region, clock),
    credentials,
    verifyIdToken: userPool.verifyIdToken,
  });

  const secrets: StoredSecret[] = [];
  if (testUsersPassword !== undefined) {
    secrets.push({
      name: testUsersSecretName(options.prefix),
      arnSuffix: resources.secretArnSuffix,
      versionId: resources.secretVersionId,
      createdAt: resources.secretCreatedAt,
      description: 'Shared password of the platform test users',
      value: () => JSON.stringify({ password: testUsersPassword }),
    });
  }
  const services: AwsJsonService[] = [
    userPool.service,
    identityService,
    createSecretsManagerService({ region: options.region, secrets, created: new CreatedSecrets(store), clock }),
  ];
  const awsJson = createAwsJsonDispatcher({ services, authorize: options.authorize, logger: options.logger });

  const secret = secrets[0];
  return {
    ids: {
      accountId: localAccountId,
      region: options.region,
      prefix: options.prefix,
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
      ...(secret ? { testUsersSecretName: secret.name, testUsersSecretArn: secretArn(options.region, secret) } : {}),
    },
    dataLocation: store.location,
    credentials,
    awsJson,
    jwks: userPool.jwks,
    sts: { accepts: isQueryProtocolRequest, handle: handleStsQuery, serveNode: serveStsQuery },
    listTestUsers: userPool.listTestUsers,
    verifyIdToken: userPool.verifyIdToken,
  };
}
