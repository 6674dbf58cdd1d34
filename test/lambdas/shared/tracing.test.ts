import { apiGatewayEvent, guest } from '../../support/api-gateway-event';
import { call, giveShopToken, startPlatform, type HandlerFactory, type TestPlatform } from '../harness';

/**
 * With tracing switched on as in Lambda (a local runner that mimics Lambda's
 * environment) but no X-Ray daemon, with or without a trace header, handlers
 * must still answer normally.
 */
let platform: TestPlatform;
let listProducts: HandlerFactory;
const written: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({ env: { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', LAMBDA_TASK_ROOT: '/var/task', POWERTOOLS_TRACE_ENABLED: 'true' } });
  delete process.env._X_AMZN_TRACE_ID;
  ({ listProducts } = await import('../../../lambdas/handlers/list-products'));
  await giveShopToken(platform, '0001', 'K7QX4M2PZ9');
});
afterAll(async () => {
  delete process.env.AWS_EXECUTION_ENV;
  delete process.env.LAMBDA_TASK_ROOT;
  await platform.stop();
});

it.each([
  ['without a trace header', undefined],
  ['with a sampled trace header', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'],
])('answers with tracing enabled and no daemon to send traces to, %s', async (_, traceHeader) => {
  if (traceHeader === undefined) delete process.env._X_AMZN_TRACE_ID;
  else process.env._X_AMZN_TRACE_ID = traceHeader;
  const { tracer } = await import('../../../lambdas/shared/observability');
  if (!tracer) throw new Error('The tracer must be loaded where tracing may be on');
  expect(tracer.isTracingEnabled()).toBe(true);
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }),
  );
  const setSegment = jest.spyOn(tracer, 'setSegment');
  const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warnSpy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const answer = await call(platform, listProducts, apiGatewayEvent({ method: 'GET', resource: '/products', query: { shopId: '0001', shopToken: 'K7QX4M2PZ9' }, identity: guest() }));
    expect(answer.statusCode).toBe(200);
    // The handler really ran inside its own subsegment, and the parent was restored.
    expect(setSegment).toHaveBeenCalledTimes(2);
  } finally {
    setSegment.mockRestore();
    delete process.env._X_AMZN_TRACE_ID;
    spies.forEach((spy) => spy.mockRestore());
    errorSpy.mockRestore();
    warnSpy.mockRestore();
  }
});
