import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputsFile } from '../../offline/outputs';
import { startOfflinePlatform, type OfflinePlatform } from '../support/offline-platform';
import { npmRun } from '../support/npm-run';

/**
 * `npm run postman` writes a collection and environments from the running
 * platform; newman (Postman's own runner) then calls every operation with
 * Postman's AWS Signature auth, and the platform answers as the access model says.
 */
const dataDirectory = mkdtempSync(join(tmpdir(), 'shop-postman-'));
const out = join(dataDirectory, 'postman');
let platform: OfflinePlatform;

interface NewmanSummary {
  run: { executions: Array<{ item: { name: string }; response?: { code: number } }>; failures: unknown[] };
}
interface Newman {
  run(options: Record<string, unknown>, callback: (error: Error | null, summary: NewmanSummary) => void): void;
}
// newman ships no types; this is the part of its API the test uses.
const newman = require('newman') as Newman;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  writeOutputsFile(dataDirectory, { ...platform.runtime.outputs, dataDirectory });
});
afterAll(async () => {
  await platform.close();
});

const runCollection = (environment: string) =>
  new Promise<Record<string, number | undefined>>((resolve, reject) => {
    newman.run(
      { collection: join(out, 'shop-platform.postman_collection.json'), environment: join(out, environment), reporters: [] },
      (error, summary) => {
        if (error) return reject(error);
        resolve(Object.fromEntries(summary.run.executions.map((execution) => [execution.item.name.split(':')[0], execution.response?.code])));
      },
    );
  });

it('writes a collection of every operation and an environment per test user and guest', async () => {
  const written = await npmRun('postman', ['--out', out], { SHOP_DATA_DIR: dataDirectory });
  expect(written.code).toBe(0);
  expect(readdirSync(out).sort()).toEqual([
    'adminuser@example.com.postman_environment.json',
    'guest.postman_environment.json',
    'registeredcustomer1@example.com.postman_environment.json',
    'shop-platform.postman_collection.json',
    'shop1owner@example.com.postman_environment.json',
    'shop2owner@example.com.postman_environment.json',
  ]);
});

it('newman runs it as a guest: products and ordering open, owners and admins closed', async () => {
  expect(await runCollection('guest.postman_environment.json')).toEqual({
    listProducts: 200,
    placeOrder: 201,
    getOrder: 404,
    listMyOrders: 200,
    getShop: 403,
    rotateShopToken: 403,
    listShopOrders: 403,
    getShopSales: 403,
    getServiceStats: 403,
  });
});

it("newman runs it as shop 0001's owner: their shop, its orders, sales and token", async () => {
  const codes = await runCollection('shop1owner@example.com.postman_environment.json');
  expect(codes).toMatchObject({ listProducts: 200, placeOrder: 201, getShop: 200, rotateShopToken: 200, listShopOrders: 200, getShopSales: 200, getServiceStats: 403 });
});
