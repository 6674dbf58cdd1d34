import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureSharedPassword, setPermanentPassword } from '../../../../lambdas/provisioning/test-users-password';
import { AwsServiceError } from '../../../../offline/aws-json/errors';
import { readNodeRequest, writeNodeResponse } from '../../../../offline/aws-json/http';
import type { AuthorizeHook, AwsCallInfo } from '../../../../offline/aws-json/service';
import type { DeclaredUserSummary } from '../../../../offline/cognito-idp';
import { createControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../../../offline/control-plane';
import { CredentialStore } from '../../../../offline/credentials/credential-store';
import { DeploymentState } from '../../../../offline/deployment/deployment-state';
import type { OfflineDeployment, SecretConfig } from '../../../../offline/deployment/model';
import { readDeployment } from '../../../../offline/deployment/read-deployment';
import { IamRoles } from '../../../../offline/iam/roles';
import { localAccount } from '../../../../offline/local-account';
import { systemClock, type Clock } from '../../../../offline/state/clock';
import { FileDocumentStore, InMemoryDocumentStore } from '../../../../offline/state/document-store';
import { loadSynthesizedApp } from '../../../../offline/terraform/synthesized-app';
import { testStacksDirectory } from '../../../support/test-stacks';
import { testScryptCost } from '../../../support/test-scrypt-cost';

export interface TestControlPlane {
  plane: ControlPlane;
  endpoint: string;
  deployment: OfflineDeployment;
  /** The stacks' one secret (the test users' password), when they declare one. */
  secret?: SecretConfig;
  /** Everything the control plane printed through its logger. */
  messages: string[];
  /** Calls the authorize hook saw. */
  authorized: AwsCallInfo[];
  /** The declared (test) users as the pool holds them. */
  users(): DeclaredUserSummary[];
  close(): Promise<void>;
}

/** Accepts any request with an Authorization header, as the brief's stand-in for SigV4 + IAM. */
export function authorizationHeaderHook(seen: AwsCallInfo[]): AuthorizeHook {
  return async (call) => {
    seen.push(call);
    if (call.request.headers.authorization === undefined) {
      return new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    }
    return { accessKeyId: 'test', principal: { kind: 'root', arn: 'arn:aws:iam::000000000000:root' } };
  };
}

export function captureLogger(messages: string[]): ControlPlaneOptions['logger'] {
  return { info: (message) => messages.push(message), error: (message) => messages.push(`ERROR ${message}`) };
}

export interface TestControlPlaneOptions {
  /** Keep state there; in memory when left out. */
  dataDirectory?: string;
  clock?: Clock;
  /** The synthesized stacks to read; the shared test stacks when left out. */
  stacksDirectory?: string;
}

/**
 * The control plane alone (Cognito, Secrets Manager, STS), configured from the
 * synthesized stacks, behind a plain HTTP server whose authorize hook only asks
 * for an Authorization header. The declared users and secret are created as a
 * start creates them, and the test users get their password the way the
 * identity stack's provisioner gives it (its own code, through the SDK).
 */
export async function startTestControlPlane(options: TestControlPlaneOptions = {}): Promise<TestControlPlane> {
  const messages: string[] = [];
  const authorized: AwsCallInfo[] = [];
  let started: ControlPlane | undefined;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const data = await readNodeRequest(request);
      const plane = started;
      if (!plane) return writeNodeResponse(response, { statusCode: 503, headers: {}, body: 'starting' });
      if (plane.jwks.matches(data)) writeNodeResponse(response, plane.jwks.handle(data));
      else if (plane.awsJson.accepts(data.headers)) writeNodeResponse(response, await plane.awsJson.handle(data));
      else if (plane.sts.accepts(data)) writeNodeResponse(response, plane.sts.handle(data));
      else writeNodeResponse(response, { statusCode: 404, headers: {}, body: 'not found' });
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;

  const store = options.dataDirectory ? new FileDocumentStore(options.dataDirectory) : new InMemoryDocumentStore();
  const state = new DeploymentState(store);
  const deployment = readDeployment({
    app: loadSynthesizedApp(options.stacksDirectory ?? testStacksDirectory()),
    state,
    accountId: localAccount.accountId,
    endpoint,
  });
  const clock = options.clock ?? systemClock;
  const plane = await createControlPlane({
    store,
    accountId: localAccount.accountId,
    region: deployment.account.region,
    userPool: deployment.userPools[0],
    userPoolClient: deployment.userPoolClients[0],
    identityPool: deployment.identityPools[0],
    roles: new IamRoles(deployment.roles, deployment.managedPolicies),
    credentials: new CredentialStore({ store, clock }),
    logger: captureLogger(messages),
    authorize: authorizationHeaderHook(authorized),
    clock,
    scryptCost: testScryptCost,
  });

  started = plane;
  for (const user of deployment.users) {
    await plane.userPool.applyDeclaredUser(user, !state.isApplied(user.address, user.fingerprint));
    state.markApplied(user.address, user.fingerprint);
  }
  const secret = deployment.secrets[0];
  if (secret) {
    plane.secrets.applyDeclaredSecret(secret);
    const config = { endpoint, region: deployment.account.region, credentials: localAccount.defaultRootCredentials };
    const secrets = new SecretsManagerClient(config);
    const cognito = new CognitoIdentityProviderClient(config);
    const { password } = await ensureSharedPassword(secrets, secret.arn);
    await setPermanentPassword(cognito, plane.ids.userPoolId, deployment.users.map((user) => user.username), password);
    secrets.destroy();
    cognito.destroy();
    authorized.length = 0;
  }

  return {
    plane,
    endpoint,
    deployment,
    ...(secret ? { secret } : {}),
    messages,
    authorized,
    users: () => plane.userPool.summarizeDeclaredUsers(deployment.users),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The confirmation code the control plane printed for an address, as a user reads it from their e-mail. */
export function confirmationCode(messages: readonly string[], email: string): string {
  const line = [...messages].reverse().find((message) => message.startsWith(`Confirmation code for ${email}: `));
  if (!line) throw new Error(`No confirmation code was printed for ${email}`);
  return line.slice(line.lastIndexOf(' ') + 1);
}
