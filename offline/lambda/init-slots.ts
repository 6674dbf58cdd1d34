import { availableParallelism } from 'node:os';

/**
 * On Lambda every sandbox has a CPU of its own; offline they all share this
 * machine's. Started all at once, 28 cold starts on two cores each took ten
 * times as long as one, and ran past Lambda's 10 s init limit. Init phases
 * therefore take turns, as many at a time as there are cores; an init's time
 * limit starts when its turn does.
 */
export class InitSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly slots: number) {}

  async acquire(): Promise<() => void> {
    if (this.running < this.slots) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }
}

/** Shared by every function of the runtime: they share the machine. */
export const machineInitSlots = new InitSlots(Math.max(1, availableParallelism()));
