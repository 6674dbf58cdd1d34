import type { ScryptCost } from '../../offline/cognito-idp';

/**
 * What the suites' user pools hash new passwords with: scrypt at N=1024, about
 * a sixteenth of the standard cost (as Django's and Rails' test settings make
 * password hashing cheap). The code that hashes and verifies is the same; a stored
 * hash names its cost. The suites about the password-work gate (sign-in floods)
 * start with standardScryptCost, which is what `npm start` uses.
 */
export const testScryptCost: ScryptCost = { N: 1024, r: 8, p: 1 };
