import { createServer, type IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { AwsServiceError } from '../../../offline/aws-json/errors';
import { readNodeRequest, type HttpRequestData } from '../../../offline/aws-json/http';
import { createAwsJsonDispatcher } from '../../../offline/aws-json/dispatcher';
import { readInput } from '../../../offline/aws-json/input';
import type { AuthorizeHook, AwsCallInfo, AwsJsonService, OperationContext } from '../../../offline/aws-json/service';

function request(target: string | undefined, body: string | object, headers: Record<string, string> = {}): HttpRequestData {
  return {
    method: 'POST',
    url: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'x-amz-target': target }),
      ...headers,
    },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

function setup(authorize: AuthorizeHook = async () => ({ accessKeyId: 'test', principal: { kind: 'root', arn: 'arn:aws:iam::000000000000:root' } })) {
  const calls: { operation: string; input: unknown; context: OperationContext }[] = [];
  const errors: string[] = [];
  const service: AwsJsonService = {
    targetPrefix: 'FakeService_2020',
    signingName: 'fake',
    operations: {
      Echo: {
        signed: false,
        iamAction: 'fake:Echo',
        resourceArn: () => '*',
        handler: async (input, context) => {
          calls.push({ operation: 'Echo', input, context });
          return { Echoed: input };
        },
      },
      AdminThing: {
        signed: true,
        iamAction: 'fake:AdminThing',
        resourceArn: (input) => `arn:aws:fake:::thing/${typeof input.Id === 'string' ? input.Id : '*'}`,
        handler: async (input, context) => {
          calls.push({ operation: 'AdminThing', input, context });
          return {};
        },
      },
      Fails: {
        signed: false,
        iamAction: 'fake:Fails',
        resourceArn: () => '*',
        handler: async (input) => {
          readInput(input, 'fake:Fails').allowOnly(['Name']).requiredString('Name');
          throw new AwsServiceError('ConflictException', 'Already there', 409);
        },
      },
      Crashes: {
        signed: false,
        iamAction: 'fake:Crashes',
        resourceArn: () => '*',
        handler: async () => {
          throw new TypeError('boom');
        },
      },
    },
  };
  const dispatcher = createAwsJsonDispatcher({ services: [service], authorize, logger: { error: (message) => errors.push(message) } });
  return { dispatcher, calls, errors };
}

function parse(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}

describe('AWS JSON dispatcher', () => {
  it('routes X-Amz-Target to the operation and answers 200 JSON with a request id', async () => {
    const { dispatcher, calls } = setup();
    const response = await dispatcher.handle(request('FakeService_2020.Echo', { A: 1 }));
    expect(response.statusCode).toBe(200);
    expect(parse(response.body)).toEqual({ Echoed: { A: 1 } });
    expect(response.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect(response.headers['x-amzn-RequestId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0].context.caller).toBeUndefined();
  });

  it('accepts JSON 1.0 and an empty body', async () => {
    const { dispatcher, calls } = setup();
    const response = await dispatcher.handle(request('FakeService_2020.Echo', '', { 'content-type': 'application/x-amz-json-1.0; charset=utf-8' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/x-amz-json-1.0');
    expect(calls[0].input).toEqual({});
  });

  it.each([
    ['an unknown service', 'DynamoDB_20120810.GetItem', "Service 'DynamoDB_20120810' (X-Amz-Target DynamoDB_20120810.GetItem) is not supported by the offline runtime"],
    ['an unknown operation', 'FakeService_2020.DeleteEverything', 'Operation fake:DeleteEverything is not supported by the offline runtime'],
    ['an inherited property name', 'FakeService_2020.constructor', 'Operation fake:constructor is not supported by the offline runtime'],
    ['no operation', 'FakeService_2020', 'Operation fake:(none) is not supported by the offline runtime'],
  ])('answers %s with UnknownOperationException naming it', async (_case, target, message) => {
    const { dispatcher, calls } = setup();
    const response = await dispatcher.handle(request(target, {}));
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-ErrorType']).toBe('UnknownOperationException');
    expect(parse(response.body)).toEqual({ __type: 'UnknownOperationException', message });
    expect(calls).toHaveLength(0);
  });

  it('answers a request without X-Amz-Target with UnknownOperationException', async () => {
    const { dispatcher } = setup();
    const response = await dispatcher.handle(request(undefined, {}));
    expect(response.statusCode).toBe(400);
    expect(parse(response.body).message).toMatch(/Missing X-Amz-Target/);
  });

  it.each([
    ['malformed JSON', '{"A":', /Request body is not valid JSON/],
    ['a JSON array', '[1,2]', /must be a JSON object/],
    ['a JSON string', '"x"', /must be a JSON object/],
  ])('answers %s with SerializationException', async (_case, body, message) => {
    const { dispatcher, calls } = setup();
    const response = await dispatcher.handle(request('FakeService_2020.Echo', body));
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-ErrorType']).toBe('SerializationException');
    expect(parse(response.body).message).toMatch(message);
    expect(calls).toHaveLength(0);
  });

  it('rejects other content types and methods', async () => {
    const { dispatcher } = setup();
    const wrongType = await dispatcher.handle(request('FakeService_2020.Echo', {}, { 'content-type': 'application/json' }));
    expect(wrongType.statusCode).toBe(400);
    expect(parse(wrongType.body)).toEqual({
      __type: 'SerializationException',
      message: 'Unsupported Content-Type application/json: use application/x-amz-json-1.1 or application/x-amz-json-1.0',
    });
    const get = await dispatcher.handle({ ...request('FakeService_2020.Echo', {}), method: 'GET' });
    expect(get.statusCode).toBe(400);
    expect(parse(get.body).message).toBe('AWS JSON requests must use POST, not GET');
  });

  it('calls the authorize hook before a signed operation and hands the caller to the handler', async () => {
    const seen: AwsCallInfo[] = [];
    const { dispatcher, calls } = setup(async (call) => {
      seen.push(call);
      return { accessKeyId: 'AKID', principal: { kind: 'root', arn: 'arn:aws:iam::000000000000:root' } };
    });
    const response = await dispatcher.handle(request('FakeService_2020.AdminThing', { Id: 'x1' }, { authorization: 'AWS4-HMAC-SHA256 ...' }));
    expect(response.statusCode).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      signingName: 'fake',
      targetPrefix: 'FakeService_2020',
      operation: 'AdminThing',
      iamAction: 'fake:AdminThing',
      resourceArn: 'arn:aws:fake:::thing/x1',
      input: { Id: 'x1' },
      requestId: response.headers['x-amzn-RequestId'],
    });
    expect(seen[0].request.body.toString()).toBe('{"Id":"x1"}');
    expect(calls[0].context.caller?.accessKeyId).toBe('AKID');
  });

  it('stops at a rejecting hook: the handler never runs and the error has AWS shape and status', async () => {
    const { dispatcher, calls } = setup(async () => new AwsServiceError('AccessDeniedException', 'User: x is not authorized to perform: fake:AdminThing', 403));
    const response = await dispatcher.handle(request('FakeService_2020.AdminThing', { Id: 'x1' }));
    expect(calls).toHaveLength(0);
    expect(response.statusCode).toBe(403);
    expect(response.headers['x-amzn-ErrorType']).toBe('AccessDeniedException');
    expect(response.headers['x-amzn-RequestId']).toBeDefined();
    expect(parse(response.body)).toEqual({ __type: 'AccessDeniedException', message: 'User: x is not authorized to perform: fake:AdminThing' });
  });

  it('does not call the hook for unsigned operations', async () => {
    const hook = jest.fn<ReturnType<AuthorizeHook>, Parameters<AuthorizeHook>>();
    const { dispatcher } = setup(hook);
    expect((await dispatcher.handle(request('FakeService_2020.Echo', {}))).statusCode).toBe(200);
    expect(hook).not.toHaveBeenCalled();
  });

  it('answers service errors with their code and status, validation errors with 400', async () => {
    const { dispatcher } = setup();
    const conflict = await dispatcher.handle(request('FakeService_2020.Fails', { Name: 'n' }));
    expect(conflict.statusCode).toBe(409);
    expect(parse(conflict.body)).toEqual({ __type: 'ConflictException', message: 'Already there' });
    const missing = await dispatcher.handle(request('FakeService_2020.Fails', {}));
    expect(missing.statusCode).toBe(400);
    expect(parse(missing.body)).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
    const unknownMember = await dispatcher.handle(request('FakeService_2020.Fails', { Name: 'n', Extra: true }));
    expect(parse(unknownMember.body).message).toBe("Member 'Extra' of fake:Fails is not supported by the offline runtime");
  });

  it('turns an unexpected exception into a logged 500, never a hang', async () => {
    const { dispatcher, errors } = setup();
    const response = await dispatcher.handle(request('FakeService_2020.Crashes', {}));
    expect(response.statusCode).toBe(500);
    expect(parse(response.body).__type).toBe('InternalFailure');
    expect(errors.join('\n')).toMatch(/TypeError: boom/);
  });

  it('serves Node requests', async () => {
    const { dispatcher } = setup();
    const server = createServer((req, res) => void dispatcher.serveNode(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'FakeService_2020.Echo' };
      const ok = await fetch(url, { method: 'POST', headers, body: '{"B":2}' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ Echoed: { B: 2 } });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses request bodies over the limit with 413', async () => {
    const stream = Object.assign(new PassThrough(), { method: 'POST', url: '/', headers: {} });
    const reading = readNodeRequest(stream as unknown as IncomingMessage, 10);
    stream.end(Buffer.from('x'.repeat(11)));
    await expect(reading).rejects.toMatchObject({ code: 'RequestEntityTooLargeException', statusCode: 413 });
    const fits = Object.assign(new PassThrough(), { method: 'POST', url: '/x', headers: { a: 'b' } });
    const read = readNodeRequest(fits as unknown as IncomingMessage, 10);
    fits.end(Buffer.from('0123456789'));
    await expect(read).resolves.toMatchObject({ method: 'POST', url: '/x', body: Buffer.from('0123456789') });
  });

  it('tells the server which requests are AWS JSON', () => {
    const { dispatcher } = setup();
    expect(dispatcher.accepts({ 'x-amz-target': 'A.B' })).toBe(true);
    expect(dispatcher.accepts({ 'content-type': 'application/x-www-form-urlencoded' })).toBe(false);
  });
});
