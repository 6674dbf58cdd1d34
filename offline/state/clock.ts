/** Milliseconds since the epoch; injected so tests can move time (token and credential expiry). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
