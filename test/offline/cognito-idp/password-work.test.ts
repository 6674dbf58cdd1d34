import { tooManyRequests } from '../../../offline/cognito-idp/password-work';
import { Slots } from '../../../offline/concurrency/slots';

describe('the password-work slots', () => {
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

  it('never runs more than its limit at once, queues in order, and refuses past the queue with TooManyRequestsException', async () => {
    const gate = new Slots(2, { maxWaiting: 3, whenFull: tooManyRequests });
    let running = 0;
    let mostAtOnce = 0;
    const order: number[] = [];
    const work = (index: number) => async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await pause();
      running -= 1;
      order.push(index);
      return index;
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => gate.run(work(index))));
    expect(mostAtOnce).toBe(2);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([...Array(5).fill('fulfilled'), ...Array(3).fill('rejected')]);
    expect(outcomes.slice(5)).toEqual(
      Array(3).fill({ status: 'rejected', reason: expect.objectContaining({ code: 'TooManyRequestsException', message: 'Rate exceeded', statusCode: 400 }) }),
    );
    expect(order.slice(2)).toEqual([2, 3, 4]);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees its slot when the work fails', async () => {
    const gate = new Slots(1, { maxWaiting: 0, whenFull: tooManyRequests });
    await expect(gate.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    await expect(gate.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
