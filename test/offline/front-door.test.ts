import { execFile, spawnSync } from 'node:child_process';
import { awsCliEnvironment } from '../support/aws-cli-environment';
import { startOfflinePlatform, type OfflinePlatform } from '../support/offline-platform';

let platform: OfflinePlatform;
beforeAll(async () => {
  platform = await startOfflinePlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('the front door', () => {
  it('answers every body over 10 MB with 413, connection after connection, and keeps serving', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await fetch(`${platform.endpoint}/prod/order?shopToken=x`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(12 * 1024 * 1024, 0x20),
      });
      expect([response.status, await response.json()]).toEqual([413, { message: 'Request Too Long' }]);
    }
    const after = await fetch(`${platform.endpoint}/prod/orders`);
    expect(after.status).toBe(403);
  });
});

describe('services the runtime does not emulate', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        'aws',
        [...args, '--endpoint-url', platform.endpoint],
        {
          env: awsCliEnvironment({ AWS_DEFAULT_REGION: 'eu-central-1' }),
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
  const hasCli = spawnSync('which', ['aws']).status === 0;

  (hasCli ? it : it.skip)('names the service and operation it does not answer, for a REST-JSON service', async () => {
    const { code, output } = await cli(['lambda', 'list-functions']);
    expect(code).not.toBe(0);
    expect(output).toContain('UnknownOperationException');
    expect(output).toContain('The offline runtime does not emulate lambda (GET /2015-03-31/functions)');
  });

  it('names an unknown operation of an emulated JSON service', async () => {
    const response = await fetch(platform.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.DeleteUserPool' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException', message: expect.stringContaining('DeleteUserPool') });
  });
});
