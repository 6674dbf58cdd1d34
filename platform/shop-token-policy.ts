/**
 * Shop tokens: what they look like and how guessing is bounded. The OpenAPI
 * pattern `ShopTokenValue` and the handlers both follow these numbers.
 */
export const shopTokenPolicy = {
  /** 32 symbols: digits and upper-case letters without 0, 1, I and O. */
  alphabet: '23456789ABCDEFGHJKLMNPQRSTUVWXYZ',
  /** 10 symbols of 5 bits each: 50 bits. */
  length: 10,
  /**
   * Wrong tokens one caller may send for one shop between two rotations; the
   * next attempt, even with the right token, is answered 429 until the shop's
   * token rotates.
   */
  maxFailedAttemptsPerRotation: 10,
} as const;

/** Bits of entropy in one token. */
export const shopTokenBits = shopTokenPolicy.length * Math.log2(shopTokenPolicy.alphabet.length);
