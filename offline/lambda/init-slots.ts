import { availableParallelism } from 'node:os';
import { Slots } from '../concurrency/slots';

/**
 * On Lambda every sandbox has a CPU of its own; offline they all share this
 * machine's. Started all at once, 28 cold starts on two cores each took ten
 * times as long as one, and ran past Lambda's 10 s init limit. Init phases
 * therefore take turns, as many at a time as there are cores, shared by every
 * function of the runtime; an init's time limit starts when its turn does.
 */
export const machineInitSlots = new Slots(Math.max(1, availableParallelism()));
