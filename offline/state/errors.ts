/** The data directory cannot be used as it is; the message says which file and why. */
export class StateError extends Error {
  override readonly name = 'StateError';
}
