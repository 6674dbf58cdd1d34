import { testUsers } from '../platform/test-users';
import { startBenchPlatform } from './support/bench-platform';
import { rawSignIn } from '../test/support/raw-sign-in';
import { median } from './support/statistics';

/**
 * What a flood of sign-ins for unknown users does to everyone else: the latency
 * of a shop owner's `GET /shop/0001` while N `InitiateAuth` calls arrive at once,
 * next to the same call on the idle platform (the floor, measured in this run).
 * Usage: npx tsx bench/sign-in-flood.ts [flood=200] [rounds=5]
 */
const floodSize = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 5);

async function main(): Promise<void> {
  const platform = await startBenchPlatform();
  try {
    const owner = await platform.credentials({ email: testUsers.shop1Owner.email });
    const timedCall = async () => {
      const begin = process.hrtime.bigint();
      const answer = await platform.call(owner, { path: '/prod/shop/0001' });
      if (answer.status !== 200) throw new Error(`GET /shop/0001 answered ${answer.status}`);
      return Number(process.hrtime.bigint() - begin) / 1e6;
    };
    const signIn = async (index: number) =>
      (await rawSignIn(platform.endpoint, platform.runtime.outputs.userPoolClientId, `flood${index}-${Date.now()}@example.com`, 'Flood1Password')).type;

    for (let warm = 0; warm < 20; warm++) await timedCall();
    const floor: number[] = [];
    for (let round = 0; round < rounds; round++) floor.push(await timedCall());

    const during: number[] = [];
    const outcomes = new Map<string, number>();
    let floodMs = 0;
    for (let round = 0; round < rounds; round++) {
      const begin = process.hrtime.bigint();
      const flood = Promise.all(Array.from({ length: floodSize }, (_, index) => signIn(index)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      during.push(await timedCall());
      for (const type of await flood) outcomes.set(type, (outcomes.get(type) ?? 0) + 1);
      floodMs += Number(process.hrtime.bigint() - begin) / 1e6;
    }
    console.log(`Sign-in flood: ${floodSize} InitiateAuth for unknown users at once, ${rounds} rounds`);
    console.log(`  GET /shop/0001 idle (floor)      median ${median(floor).toFixed(1)} ms`);
    console.log(`  GET /shop/0001 during the flood  median ${median(during).toFixed(1)} ms  (${(median(during) / median(floor)).toFixed(1)}× the floor)`);
    console.log(`  flood answered in                ${(floodMs / rounds).toFixed(0)} ms per round`);
    console.log(`  answers: ${[...outcomes].map(([type, count]) => `${type} ${count}`).join(', ')}`);
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
