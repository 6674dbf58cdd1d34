import { SignInThrottle, type SignInAdmission } from '../../../offline/cognito-idp/sign-in-throttle';

describe('SignInThrottle', () => {
  let now = 1_000_000;
  const throttle = () => new SignInThrottle(() => now);
  const admitted = (admissions: SignInAdmission[]) => admissions.filter((admission) => admission.admitted);

  it('admits five checks of 40 sent at once, as 40 sent one after another would get', () => {
    const limiter = throttle();
    const admissions = Array.from({ length: 40 }, () => limiter.admit('user-a'));
    expect(admitted(admissions)).toHaveLength(5);
    for (const admission of admissions) if (admission.admitted) admission.settle('failed');
    expect(limiter.admit('user-a').admitted).toBe(false);
  });

  it('locks after five sequential failures for 1 s, then admits one check at a time, doubling the lock', () => {
    const limiter = throttle();
    for (let attempt = 0; attempt < 5; attempt++) {
      const admission = limiter.admit('user-b');
      if (!admission.admitted) throw new Error(`attempt ${attempt + 1} was refused`);
      admission.settle('failed');
    }
    expect(limiter.admit('user-b').admitted).toBe(false);
    now += 1000;
    const sixth = limiter.admit('user-b');
    expect(sixth.admitted).toBe(true);
    expect(limiter.admit('user-b').admitted).toBe(false);
    if (sixth.admitted) sixth.settle('failed');
    now += 1999;
    expect(limiter.admit('user-b').admitted).toBe(false);
    now += 1;
    expect(limiter.admit('user-b').admitted).toBe(true);
  });

  it('a matching password clears the count; an unchecked attempt counts neither way', () => {
    const limiter = throttle();
    for (let attempt = 0; attempt < 4; attempt++) {
      const admission = limiter.admit('user-c');
      if (admission.admitted) admission.settle('failed');
    }
    const unchecked = limiter.admit('user-c');
    if (unchecked.admitted) unchecked.settle('unchecked');
    const right = limiter.admit('user-c');
    expect(right.admitted).toBe(true);
    if (right.admitted) right.settle('matched');
    expect(admitted(Array.from({ length: 5 }, () => limiter.admit('user-c')))).toHaveLength(5);
  });

  it('keeps a lock while a flood of new names fills the map', () => {
    const limiter = throttle();
    for (let attempt = 0; attempt < 5; attempt++) {
      const admission = limiter.admit('victim');
      if (admission.admitted) admission.settle('failed');
    }
    for (let index = 0; index < 20_000; index++) {
      const admission = limiter.admit(`unknown:${index}@example.com`);
      if (admission.admitted) admission.settle('failed');
    }
    expect(limiter.admit('victim').admitted).toBe(false);
  });
});
