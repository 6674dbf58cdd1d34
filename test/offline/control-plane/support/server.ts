import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsServiceError } from '../../../../offline/aws-json/errors';
import { readNodeRequest, writeNodeResponse } from '../../../../offline/aws-json/http';
import type { AuthorizeHook, AwsCallInfo } from '../../../../offline/aws-json/service';
import { createControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../../../offline/control-plane';

export interface TestControlPlane {
  plane: ControlPlane;
  endpoint: string;
  /** Everything the control plane printed through its logger. */
  messages: string[];
  /** Calls the authorize hook saw. */
  authorized: AwsCallInfo[];
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

export async function startTestControlPlane(overrides: Partial<ControlPlaneOptions> = {}): Promise<TestControlPlane> {
  const messages: string[] = [];
  const authorized: AwsCallInfo[] = [];
  const plane = await createControlPlane({
    inMemory: true,
    region: 'eu-central-1',
    prefix: 'shop-platform',
    createTestUsers: true,
    logger: captureLogger(messages),
    authorize: authorizationHeaderHook(authorized),
    ...overrides,
  });
  const server: Server = createServer((request, response) => {
    void (async () => {
      const data = await readNodeRequest(request);
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
  return {
    plane,
    endpoint: `http://127.0.0.1:${port}`,
    messages,
    authorized,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The shared test users' password, read the way the walkthrough does: from the secret. */
export function confirmationCode(messages: readonly string[], email: string): string {
  const line = [...messages].reverse().find((message) => message.startsWith(`Confirmation code for ${email}: `));
  if (!line) throw new Error(`No confirmation code was printed for ${email}`);
  return line.slice(line.lastIndexOf(' ') + 1);
}
