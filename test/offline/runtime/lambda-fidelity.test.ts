import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/** What a function sees of Lambda offline: Powertools reports a cold start on a sandbox's first invocation only. */
let platform: OfflinePlatform;
const functionLines: string[] = [];

beforeAll(async () => {
  platform = await startOfflinePlatform({ functionLog: (line) => functionLines.push(line) });
});
afterAll(async () => {
  await platform.close();
});

it("logs cold_start true on a sandbox's first invocation and false on the next", async () => {
  const guest = await platform.credentials({ guest: true });
  for (let call = 0; call < 2; call++) expect((await platform.call(guest, { path: '/prod/orders' })).status).toBe(200);
  const coldStarts = functionLines
    .filter((line) => line.startsWith('[shop-platform-list-my-orders] ') && line.includes('"cold_start"'))
    .map((line) => (JSON.parse(line.slice(line.indexOf('{'))) as { cold_start: boolean }).cold_start);
  expect(coldStarts[0]).toBe(true);
  expect(coldStarts.at(-1)).toBe(false);
});
