import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { loadApiDefinition } from '../openapi/load';
import { functions, type FunctionDefinition } from '../platform/functions';
import { apiStage, routes } from '../platform/routes';
import { rotationIntervalMs, type PlatformSettings } from '../platform/settings';
import { tableName as tableNameOf } from '../platform/table';
import type { TestUserKey } from '../platform/test-users';
import { testUsers } from '../platform/test-users';
import { LocalRestApi } from './api-gateway/local-rest-api';
import { apiGatewayIdentity } from './authorization/api-identity';
import { Authenticator } from './authorization/authenticator';
import { controlPlaneAuthorizer } from './authorization/control-plane-authorizer';
import { FunctionCredentials } from './authorization/function-credentials';
import { IamAuthorizer, type DecisionLog } from './authorization/iam-authorizer';
import { RolePolicies } from './authorization/principals';
import { gatewayResponseFor } from './authorization/refusals';
import { createControlPlane, type ControlPlane } from './control-plane';
import type { StaticCredentials } from './credentials/types';
import { DynamoDbEndpoint } from './dynamodb/dynamodb-endpoint';
import { startLocalDynamoDb } from './dynamodb/local-dynamodb';
import { frontDoor } from './front-door';
import type { LocalFunction } from './lambda/local-function';
import { startLocalFunctions } from './local-functions';
import { runtimeOutputs, type RuntimeOutputs } from './outputs';
import { preparePlatformData, readShopTokens } from './platform-data';
import { scheduledEvent, scheduleRotation } from './rotation-schedule';
import { hasSigV4Material } from './sigv4';
import { systemClock, type Clock } from './state/clock';
import { createDocumentStore } from './state/document-store';
import { loadOrCreateRestApiId } from './state/rest-api-id';

export interface RuntimeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  settings: PlatformSettings;
  /** Where state is kept (default `.local-data`); ignored with `inMemory`. */
  dataDirectory?: string;
  inMemory?: boolean;
  /** Start from an empty data directory. */
  reset?: boolean;
  rootCredentials?: StaticCredentials;
  /** Runtime messages (confirmation codes, rotations). */
  log: (line: string) => void;
  /** Function log lines, prefixed with the function's name. */
  functionLog?: (line: string) => void;
  /** Every IAM decision. */
  decisionLog?: DecisionLog;
  /** Run the token rotation on the stack's schedule (default true). */
  scheduleRotation?: boolean;
  /** The control plane's and the gateway's time (credential expiry, signature age); tests move it. */
  clock?: Clock;
}

export interface Runtime {
  endpoint: string;
  outputs: RuntimeOutputs;
  controlPlane: ControlPlane;
  /** Each shop's current token, as the shop displays it (read straight from the table). */
  shopTokens(): Promise<Array<{ shopId: string; shopToken?: string }>>;
  /** The execution-role credentials a function's sandboxes get: to check what that role may do. */
  functionCredentials(definition: FunctionDefinition): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** Invokes one of the api stack's functions directly, as `aws lambda invoke` would. */
  invoke(definition: FunctionDefinition, event: unknown): ReturnType<LocalFunction['invoke']>;
  close(): Promise<void>;
}

export const defaultDataDirectory = resolve(__dirname, '..', '.local-data');
const accountId = '000000000000';

/**
 * The whole platform on one port: the control plane (Cognito, Secrets Manager,
 * STS), DynamoDB, the api stack's functions and the REST API in front of them,
 * every signed call verified (SigV4) and authorized (IAM) on the way in.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDirectory = options.inMemory ? undefined : resolve(options.dataDirectory ?? defaultDataDirectory);
  if (dataDirectory && options.reset) rmSync(dataDirectory, { recursive: true, force: true });

  // Listen first: functions need the runtime's URL. Requests wait until set-up is done.
  let handle: (request: IncomingMessage, response: ServerResponse) => Promise<void> = async (_request, response) => {
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"The runtime is starting"}');
  };
  const server = createServer((request, response) => void handle(request, response));
  server.keepAliveTimeout = 5000;
  server.on('clientError', answerUnparsableRequest);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => listening());
  });
  const address = server.address() as AddressInfo;
  const endpoint = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  // What a failed start-up already started, stopped in reverse order.
  const started: Array<() => Promise<void>> = [];
  try {
    return await assemble(options, server, endpoint, dataDirectory, (set) => (handle = set), started);
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    server.close();
    throw error;
  }
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
  server: Server,
  endpoint: string,
  dataDirectory: string | undefined,
  serve: (handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>) => void,
  started: Array<() => Promise<void>>,
): Promise<Runtime> {
  const { settings } = options;
  const controlPlane = await createControlPlane({
    dataDirectory,
    inMemory: options.inMemory,
    region: settings.region,
    prefix: settings.prefix,
    rootCredentials: options.rootCredentials,
    createTestUsers: settings.createTestUsers,
    logger: { info: options.log, error: options.log },
    // Called only once requests arrive, by then authorizeControlPlaneCall is set.
    authorize: (call) => authorizeControlPlaneCall(call),
    clock: options.clock,
  });
  const { ids } = controlPlane;
  const apiId = loadOrCreateRestApiId(createDocumentStore({ dataDirectory, inMemory: options.inMemory }));
  const tableName = tableNameOf(settings.prefix);
  const tableArn = `arn:aws:dynamodb:${settings.region}:${accountId}:table/${tableName}`;

  const functionCredentials = new FunctionCredentials();
  const clock = options.clock ?? systemClock;
  const authenticator = new Authenticator({
    region: settings.region,
    credentials: controlPlane.credentials,
    functionCredentials,
    now: () => new Date(clock()),
  });
  const authorizer = new IamAuthorizer(
    new RolePolicies({
      prefix: settings.prefix,
      region: settings.region,
      accountId,
      apiId,
      stage: apiStage,
      tableArn,
      userPoolArn: ids.userPoolArn,
    }),
    accountId,
    options.decisionLog ?? (() => undefined),
  );
  const authorizeControlPlaneCall = controlPlaneAuthorizer(authenticator, authorizer);

  const dynamoDb = await startLocalDynamoDb({ directory: dataDirectory && join(dataDirectory, 'dynamodb') });
  started.push(() => dynamoDb.close());
  const localFunctions = startLocalFunctions({
    settings,
    endpoint,
    accountId,
    tableName,
    userPoolId: ids.userPoolId,
    functionCredentials,
    log: options.functionLog ?? options.log,
  });
  started.push(async () => {
    await Promise.all([...localFunctions.values()].map((fn) => fn.close()));
  });
  const functionOf = (definition: FunctionDefinition): LocalFunction => {
    const found = localFunctions.get(definition);
    if (!found) throw new Error(`${definition.name} is not an api stack function`);
    return found;
  };

  const restApi = new LocalRestApi({
    document: loadApiDefinition(),
    apiId,
    region: settings.region,
    accountId,
    stage: apiStage,
    throttle: { rateLimit: settings.apiThrottleRateLimit, burstLimit: settings.apiThrottleBurstLimit },
    isSigned: (request) => hasSigV4Material({ headers: request.headers, rawQuery: request.url.split('?')[1] ?? '' }),
    authenticate: async (request) => {
      const authenticated = await authenticator.authenticate(request, ['execute-api']);
      if (!authenticated.ok) return { ok: false, ...gatewayResponseFor(authenticated) };
      return {
        ok: true,
        caller: {
          principalArn: authenticated.principal.arn,
          principal: authenticated.principal,
          identity: apiGatewayIdentity(authenticated.principal, authenticated.accessKeyId, accountId),
        },
      };
    },
    authorize: async (caller, methodArn) => authorizer.authorize(caller.principal, 'execute-api:Invoke', methodArn),
    now: () => new Date(clock()),
    invoke: (operationId, event, requestId) => {
      const route = routes.find((candidate) => candidate.operationId === operationId);
      if (!route) throw new Error(`No route for ${operationId}`);
      return functionOf(route.function).invoke(event, requestId);
    },
  });
  serve(
    frontDoor({
      controlPlane,
      dynamoDb: new DynamoDbEndpoint(dynamoDb, authenticator, authorizer, { region: settings.region, accountId }),
      restApi,
      logError: options.log,
    }),
  );

  const subOf = (user: TestUserKey) =>
    controlPlane.listTestUsers().find((candidate) => candidate.email === testUsers[user].email)?.username;
  const { created } = await preparePlatformData(dynamoDb, tableName, subOf);
  const rotation = functionOf(functions.rotateAllShopTokens);
  const ruleName = `${settings.prefix}-rotate-shop-tokens`;
  if (created) {
    // As the api stack's first-rotation invocation does: seeded shops get their first token.
    const first = await rotation.invoke({ source: 'deployment', detail: 'first rotation' });
    if (!first.ok) throw new Error(`The first shop-token rotation failed: ${first.error.errorMessage}`);
  }
  const stopRotation =
    options.scheduleRotation === false
      ? () => undefined
      : scheduleRotation(
          rotation,
          rotationIntervalMs(settings.tokenRotationSchedule),
          () => scheduledEvent(settings.region, accountId, ruleName),
          options.log,
        );

  const outputs = runtimeOutputs({ endpoint, settings, ids, apiId, tableName, testUsers: controlPlane.listTestUsers(), dataDirectory });
  return {
    endpoint,
    outputs,
    controlPlane,
    invoke: (definition, event) => functionOf(definition).invoke(event),
    shopTokens: () => readShopTokens(dynamoDb, tableName),
    functionCredentials: (definition) => {
      const session = functionCredentials.sessionOf(definition);
      if (!session) throw new Error(`${definition.name} runs no sandbox here`);
      return { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    },
    async close() {
      stopRotation();
      await new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      });
      await Promise.all([...localFunctions.values()].map((fn) => fn.close()));
      await dynamoDb.close();
    },
  };
}
