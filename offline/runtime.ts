import { readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { LocalRestApi } from './api-gateway/local-rest-api';
import { lockDataDirectory } from './state/data-directory-lock';
import { applyDeployment } from './apply-deployment';
import { defaultDataDirectory } from './state/default-data-directory';
import { apiGatewayIdentity } from './authorization/api-identity';
import { Authenticator } from './authorization/authenticator';
import { controlPlaneAuthorizer } from './authorization/control-plane-authorizer';
import { FunctionCredentials } from './authorization/function-credentials';
import { IamAuthorizer, type DecisionLog } from './authorization/iam-authorizer';
import { gatewayResponseFor } from './authorization/refusals';
import { guestSessionPolicies, guestSessionPolicySet } from './cognito-identity';
import type { DeclaredUserSummary, ScryptCost } from './cognito-idp';
import { createControlPlane, type ControlPlane } from './control-plane';
import { CredentialStore } from './credentials/credential-store';
import type { StaticCredentials } from './credentials/types';
import { DeploymentState } from './deployment/deployment-state';
import { carryOverLegacyIds, removeLegacyDocuments } from './deployment/legacy-data-directory';
import type { OfflineDeployment } from './deployment/model';
import { readDeployment } from './deployment/read-deployment';
import { DynamoDbEndpoint } from './dynamodb/dynamodb-endpoint';
import { DynamoDbService } from './dynamodb/dynamodb-service';
import { LambdaInvokeEndpoint } from './lambda/invoke-endpoint';
import { startLocalDynamoDb } from './dynamodb/local-dynamodb';
import { recoverInterruptedTransaction, TransactionJournal } from './dynamodb/transaction-journal';
import { LocalTransactions } from './dynamodb/transactions';
import { WriteLock } from './dynamodb/write-lock';
import { startSchedules, type TargetInvocation } from './events/scheduler';
import { frontDoor, maxRequestBytes } from './front-door';
import { bufferRequest } from './http/buffered-request';
import { jsonResponse, writeResponse } from './http/responses';
import { InFlightRequests } from './http/in-flight-requests';
import { resetPath, resetResponse, resetSigningService, type ResetSummary } from './http/reset';
import { dynamoDbDirectoryName } from './state/documents';
import { keepOnlyIdentity } from './state/reset-to-seed';
import { IamRoles } from './iam/roles';
import { pruneUnpackedArchives } from './lambda/code-archive';
import { serviceMayInvoke } from './lambda/resource-policy';
import type { InvocationResult, LocalFunction } from './lambda/local-function';
import { localAccount } from './local-account';
import { startLocalFunctions } from './local-functions';
import { runtimeOutputs, type RuntimeOutputs } from './outputs';
import { StaticSiteHost } from './http/static-site-host';
import { single } from './platform-shape';
import { readShopTokens } from './platform-data';
import { claimedAccessKeyId, hasSigV4Material } from './sigv4';
import { systemClock, type Clock } from './state/clock';
import { createDocumentStore, type DocumentStore } from './state/document-store';
import { loadSynthesizedApp } from './terraform/synthesized-app';

export interface RuntimeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** A `cdktf synth` output directory (`cdktf.out`): what the runtime runs. */
  stacksDirectory: string;
  /** Where state is kept (default `.local-data`); ignored with `inMemory`. */
  dataDirectory?: string;
  inMemory?: boolean;
  /** Start from an empty data directory. */
  reset?: boolean;
  rootCredentials?: StaticCredentials;
  /** Runtime messages (confirmation codes, applied resources, schedules). */
  log: (line: string) => void;
  /** Function log lines, prefixed with the function's name. */
  functionLog?: (line: string) => void;
  /** Every IAM decision. */
  decisionLog?: DecisionLog;
  /** One line per API request (time, caller, method, path, status, ms); none when absent. */
  accessLog?: (line: string) => void;
  /** Run the stacks' EventBridge schedules (default true). */
  schedules?: boolean;
  /**
   * Test hook: what the user pool's new password hashes cost (default: standardScryptCost). Suites pass
   * less, as Django's and Rails' test settings do; stored hashes name their cost, so any verifies.
   */
  scryptCost?: ScryptCost;
  /** Test hook: the process kills itself after this many writes of a DynamoDB transaction, as a crash would. */
  crashAfterTransactionWrites?: number;
  /** The control plane's and the gateway's time (credential expiry, signature age); tests move it. */
  clock?: Clock;
  /** Called once `POST /_platform/reset` has put the platform back to its seeded state. */
  afterReset?: (runtime: Runtime, summary: ResetSummary) => Promise<void> | void;
}

export interface Runtime {
  endpoint: string;
  outputs: RuntimeOutputs;
  controlPlane: ControlPlane;
  /** The platform as read from the synthesized stacks. */
  deployment: OfflineDeployment;
  /** The users the stacks declare, as the user pool holds them now. */
  declaredUsers(): DeclaredUserSummary[];
  /** Each shop's current token, as the shop displays it (read straight from the table). */
  shopTokens(): Promise<Array<{ shopId: string; shopToken?: string }>>;
  /** The execution-role credentials a function's sandboxes get: to check what that role may do. */
  functionCredentials(functionName: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** Invokes a function directly, as `aws lambda invoke` would with the account's administrator keys. */
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  close(): Promise<void>;
}

/** The port the runtime was asked to listen on is taken. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/**
 * The whole platform on one port, configured from the synthesized stacks: the
 * control plane (Cognito, Secrets Manager, STS), DynamoDB, every function and
 * the REST API in front of them, every signed call verified (SigV4) and
 * authorized (IAM) on the way in.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDirectory = options.inMemory ? undefined : resolve(options.dataDirectory ?? defaultDataDirectory);
  // The lock comes first: --reset must not delete what a running platform uses.
  const lock = dataDirectory ? lockDataDirectory(dataDirectory) : undefined;
  if (dataDirectory && options.reset) {
    for (const entry of readdirSync(dataDirectory)) if (entry !== 'platform.lock') rmSync(join(dataDirectory, entry), { recursive: true, force: true });
  }

  // Listen first: functions need the runtime's URL. Requests wait until set-up is done.
  const notYet = (message: string): Handler => async (_request, response) => {
    writeResponse(response, jsonResponse(503, { message }, { 'retry-after': '1' }));
  };
  let handle: Handler = notYet('The runtime is starting');
  const traffic = new InFlightRequests();
  let reset: Handler = notYet('The runtime is starting');
  const server = createServer((request, response) => {
    if (request.url?.split('?')[0] === resetPath) void reset(request, response);
    else void traffic.track(() => handle(request, response));
  });
  server.keepAliveTimeout = 5000;
  server.on('clientError', answerUnparsableRequest);
  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(options.port, options.host, () => listening());
    });
  } catch (error) {
    lock?.release();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `Port ${options.port} on ${options.host} is in use (another npm start?). Stop it, or pick another port: PORT=${options.port + 1} npm start`,
      );
    }
    throw error;
  }
  const address = server.address() as AddressInfo;
  const endpoint = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const store = createDocumentStore({ dataDirectory, inMemory: options.inMemory });
  const assembleServices = async (): Promise<Assembly> => {
    // What a failed assembly already started, stopped in reverse order.
    const started: Array<() => Promise<void>> = [];
    try {
      return await assemble(options, endpoint, store, dataDirectory, (set) => (handle = set), started);
    } catch (error) {
      for (const stop of started.reverse()) await stop().catch(() => undefined);
      throw error;
    }
  };
  const closeServer = () =>
    new Promise<void>((closed) => {
      server.close(() => closed());
      server.closeAllConnections();
    });

  let assembly: Assembly;
  try {
    assembly = await assembleServices();
  } catch (error) {
    await closeServer();
    lock?.release();
    throw error;
  }

  const runtime: Runtime = {
    endpoint,
    get outputs() {
      return assembly.outputs;
    },
    get controlPlane() {
      return assembly.controlPlane;
    },
    get deployment() {
      return assembly.deployment;
    },
    declaredUsers: () => assembly.declaredUsers(),
    shopTokens: () => assembly.shopTokens(),
    functionCredentials: (name) => assembly.functionCredentials(name),
    invoke: (name, event) => assembly.invoke(name, event),
    async close() {
      await closeServer();
      await assembly.stop();
      lock?.release();
    },
  };

  let resetting = false;
  reset = async (incoming, response) => {
    try {
      const request = await bufferRequest(incoming, maxRequestBytes);
      const answer = await resetResponse(request, {
        authenticate: (signed) => assembly.authenticator.authenticate(signed, [resetSigningService]),
        begin: () => !resetting && (resetting = true),
        reset: async () => {
          const began = Date.now();
          try {
            // New requests wait out the reset as they wait out a start; those under way finish
            // first, with the calls their functions make still served.
            const old = assembly;
            const serving = handle;
            const answerResetting = notYet('The platform is resetting');
            handle = (request, response) => (old.madeByItsFunctions(request) ? serving(request, response) : answerResetting(request, response));
            await traffic.drained(resetDrainMilliseconds);
            await old.stop();
            keepOnlyIdentity(store, dataDirectory);
            assembly = await assembleServices();
          } finally {
            resetting = false;
          }
          const summary = { seconds: (Date.now() - began) / 1000, users: assembly.deployment.users.length, items: assembly.deployment.tableItems.length };
          options.log(`Reset to the seeded state in ${summary.seconds.toFixed(1)} s`);
          await options.afterReset?.(runtime, summary);
          return summary;
        },
      });
      writeResponse(response, answer);
    } catch (error) {
      options.log(`The reset failed; restart the platform (npm start): ${(error as Error)?.stack ?? String(error)}`);
      if (!response.headersSent) {
        writeResponse(response, jsonResponse(500, { message: `The reset failed: ${(error as Error)?.message ?? String(error)}; restart the platform` }));
      }
    }
  };
  return runtime;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** How long a reset waits for requests under way (a function's run among them) before it stops the services. */
const resetDrainMilliseconds = 30_000;

/** The runtime behind the port, as one start (or reset) assembled it. */
interface Assembly extends Omit<Runtime, 'endpoint' | 'close'> {
  authenticator: Authenticator;
  /** Whether a request claims one of its functions' credentials (routing only: the front door still verifies it). */
  madeByItsFunctions(request: IncomingMessage): boolean;
  /** Stops everything but the port: schedules, sandboxes, DynamoDB. */
  stop(): Promise<void>;
}

/**
 * Requests Node cannot parse (an overlong URL or header, a malformed request
 * line) never reach the front door; they still get a JSON answer.
 */
function answerUnparsableRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return;
  const [status, reason] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify({ message: reason });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncache-control: no-store\r\n` +
      `x-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** Everything behind the port, once it listens. */
async function assemble(
  options: RuntimeOptions,
  endpoint: string,
  store: DocumentStore,
  dataDirectory: string | undefined,
  serve: (handle: Handler) => void,
  started: Array<() => Promise<void>>,
): Promise<Assembly> {
  const { accountId } = localAccount;
  pruneUnpackedArchives();
  const app = loadSynthesizedApp(options.stacksDirectory);
  const state = new DeploymentState(store);
  const legacy = carryOverLegacyIds(store, state, app);
  const deployment = readDeployment({ app, state, accountId, endpoint });
  const { region } = deployment.account;

  const userPool = single(deployment.userPools, 'aws_cognito_user_pool');
  const identityPool = single(deployment.identityPools, 'aws_cognito_identity_pool');
  const restApi = single(deployment.restApis, 'aws_api_gateway_rest_api');
  const table = single(deployment.tables, 'aws_dynamodb_table');
  const roles = new IamRoles(deployment.roles, deployment.managedPolicies);
  for (const roleArn of [...Object.values(identityPool.roles), ...identityPool.roleMappings.flatMap((mapping) => mapping.rules.map((rule) => rule.roleArn))]) {
    if (roleArn !== undefined) roles.assertEvaluable(roleArn, 'the identity pool hands out');
  }
  for (const fn of deployment.functions) roles.assertEvaluable(fn.roleArn, `${fn.name} runs as`);

  const functionCredentials = new FunctionCredentials(accountId);
  const clock = options.clock ?? systemClock;
  const credentials = new CredentialStore({ store, clock, rootCredentials: options.rootCredentials });
  const authenticator = new Authenticator({
    region,
    credentials,
    functionCredentials,
    now: () => new Date(clock()),
  });
  const authorizer = new IamAuthorizer(roles, new Map([[guestSessionPolicySet, guestSessionPolicies()]]), accountId, options.decisionLog ?? (() => undefined));
  const controlPlane = await createControlPlane({
    store,
    accountId,
    region,
    userPool,
    userPoolClient: single(
      deployment.userPoolClients.filter((client) => client.userPoolId === userPool.id),
      'aws_cognito_user_pool_client',
    ),
    identityPool,
    roles,
    credentials,
    logger: { info: options.log, error: options.log },
    authorize: controlPlaneAuthorizer(authenticator, authorizer),
    clock: options.clock,
    scryptCost: options.scryptCost,
  });

  const dynamoDb = await startLocalDynamoDb({ directory: dataDirectory && join(dataDirectory, dynamoDbDirectoryName) });
  started.push(() => dynamoDb.close());
  const journal = new TransactionJournal(store);
  const restored = await recoverInterruptedTransaction(dynamoDb, journal);
  if (restored > 0) options.log(`Undid a DynamoDB transaction interrupted by a crash: ${restored} item(s) put back as they were`);
  const writeLock = new WriteLock();
  const transactions = new LocalTransactions(dynamoDb, writeLock, journal, { crashAfterWrites: options.crashAfterTransactionWrites });
  const localFunctions = startLocalFunctions({
    functions: deployment.functions,
    endpoint,
    region,
    accountId,
    functionCredentials,
    roles,
    log: options.functionLog ?? options.log,
  });
  started.push(async () => {
    await Promise.all([...localFunctions.values()].map((fn) => fn.close()));
  });
  const functionNamed = (name: string): LocalFunction => {
    const found = localFunctions.get(name);
    if (!found) throw new Error(`${name} is not a function of the stacks`);
    return found;
  };
  /** A service invoking a function: Lambda runs it only if the function's resource-based policy allows the source. */
  const serviceInvoke = async (service: string, functionArn: string, sourceArn: string, event: unknown, requestId?: string): Promise<TargetInvocation> => {
    const fn = deployment.functions.find((candidate) => candidate.arn === functionArn);
    if (!fn) return { ok: false, notPermitted: `${functionArn} does not exist` };
    const decision = serviceMayInvoke(fn, service, { arn: sourceArn, account: accountId });
    if (decision.decision !== 'Allow') {
      return { ok: false, notPermitted: `no statement of ${fn.name}'s resource-based policy lets ${service} invoke it from ${sourceArn}` };
    }
    return functionNamed(fn.name).invoke(event, requestId);
  };

  const api = new LocalRestApi({
    api: restApi,
    stages: deployment.stages.filter((stage) => stage.restApiId === restApi.id),
    region,
    accountId,
    isSigned: (request) => hasSigV4Material({ headers: request.headers, rawQuery: request.url.split('?')[1] ?? '' }),
    authenticate: async (request) => {
      const authenticated = await authenticator.authenticate(request, ['execute-api']);
      if (!authenticated.ok) {
        // The client gets API Gateway's answer; the log says which check failed.
        // One line: a mismatch's canonical request and string-to-sign go to the client only.
        const [summary] = authenticated.message.split('\n');
        options.log(`[refused] ${request.method} ${request.url.split('?')[0]}: SigV4 ${authenticated.reason}: ${summary}`);
        return { ok: false, ...gatewayResponseFor(authenticated) };
      }
      return {
        ok: true,
        caller: {
          principalArn: authenticated.principal.arn,
          principal: authenticated.principal,
          identity: apiGatewayIdentity(roles, authenticated.principal, authenticated.accessKeyId, accountId),
        },
      };
    },
    authorize: async (caller, methodArn) => authorizer.authorize(caller.principal, 'execute-api:Invoke', methodArn),
    invoke: (functionArn, sourceArn, event, requestId) => serviceInvoke('apigateway.amazonaws.com', functionArn, sourceArn, event, requestId),
    log: options.log,
    accessLog: options.accessLog,
    now: () => new Date(clock()),
  });
  serve(
    frontDoor({
      controlPlane,
      lambda: new LambdaInvokeEndpoint({
        region,
        accountId,
        authenticator,
        authorizer,
        functionNamed: (name) => localFunctions.get(name),
      }),
      dynamoDb: new DynamoDbEndpoint(new DynamoDbService(dynamoDb, transactions, writeLock), authenticator, authorizer, { region, accountId }),
      restApi: api,
      logError: options.log,
      health: {
        endpoint,
        region,
        dataDirectory: dataDirectory ?? '(in memory)',
        stacksDirectory: options.stacksDirectory,
        startedAt: new Date(clock()),
      },
      staticSite: new StaticSiteHost(deployment.staticSite),
    }),
  );

  await applyDeployment(deployment, {
    state,
    controlPlane,
    dynamoDb,
    invoke: (name, event) => functionNamed(deployment.functions.find((fn) => fn.name === name || fn.arn === name)?.name ?? name).invoke(event),
    log: options.log,
    legacy,
  });
  removeLegacyDocuments(store);

  const stopSchedules =
    options.schedules === false
      ? () => undefined
      : startSchedules({
          schedules: deployment.schedules,
          region,
          accountId,
          invoke: (functionArn, ruleArn, event) => serviceInvoke('events.amazonaws.com', functionArn, ruleArn, event),
          log: options.log,
        });

  const outputs = runtimeOutputs({
    endpoint,
    deployment,
    ids: controlPlane.ids,
    users: controlPlane.userPool.summarizeDeclaredUsers(deployment.users),
    tableName: table.name,
    dataDirectory,
  });
  return {
    authenticator,
    madeByItsFunctions: (request) => {
      const accessKeyId = claimedAccessKeyId({ headers: request.headersDistinct, rawQuery: request.url?.split('?')[1] ?? '' });
      return accessKeyId !== undefined && functionCredentials.lookup(accessKeyId) !== undefined;
    },
    outputs,
    controlPlane,
    deployment,
    declaredUsers: () => controlPlane.userPool.summarizeDeclaredUsers(deployment.users),
    invoke: (name, event) => functionNamed(name).invoke(event),
    shopTokens: () => readShopTokens(dynamoDb, table.name),
    functionCredentials: (name) => {
      const session = functionCredentials.sessionOf(name);
      if (!session) throw new Error(`${name} runs no sandbox here`);
      return { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    },
    async stop() {
      stopSchedules();
      await Promise.all([...localFunctions.values()].map((fn) => fn.close()));
      await dynamoDb.close();
    },
  };
}
