import { AwsServiceError } from '../aws-json/errors';
import { Slots } from '../concurrency/slots';

/** Cognito's answer to a caller over its rate. */
export function tooManyRequests(): AwsServiceError {
  return new AwsServiceError('TooManyRequestsException', 'Rate exceeded');
}

/**
 * Password hashing (scrypt, ~50 ms of CPU and 16 MiB each) runs on libuv's
 * thread pool, which dynalite's LevelDB and the file system share. Unbounded,
 * 200 sign-ins at once would queue 200 derivations ahead of every table read on
 * the platform. One derivation runs at a time (about 15 sign-ins a second on one
 * core), 64 may wait, and the rest are answered TooManyRequestsException at once;
 * measured by `npm run bench:sign-in-flood` (two at a time doubled the latency
 * others see).
 */
export const passwordWork = new Slots(1, { maxWaiting: 64, whenFull: tooManyRequests });
