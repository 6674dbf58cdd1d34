import { Slots } from '../../../offline/concurrency/slots';

describe('Slots (the init turns)', () => {
  it('lets as many run as it has slots, the rest in arrival order as slots free up', async () => {
    const slots = new Slots(2);
    const started: number[] = [];
    const releases = await Promise.all([0, 1].map(async (index) => {
      const release = await slots.acquire();
      started.push(index);
      return release;
    }));
    const later = [2, 3].map(async (index) => {
      const release = await slots.acquire();
      started.push(index);
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    releases[0]();
    releases[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    releases[1]();
    (await Promise.all(later)).forEach((release) => release());
    expect(started).toEqual([0, 1, 2, 3]);
  });
});
