/** `points` attempts per `seconds`; the window starts at the first attempt and refills whole at its end. */
export interface Budget {
  points: number;
  seconds: number;
}

/**
 * How often sign-in, register and refresh may be tried. Every budget is consumed atomically in Redis
 * *before* the password is hashed or verified, so parallel requests cannot overspend it: 200 wrong
 * passwords sent at once cost at most as many scrypts as the tightest budget allows.
 *
 * Sign-in is slowed, never locked for everyone:
 * - per address: all attempts from one IP (a success gives its point back, so it counts failures);
 * - per login and address: failures in a row for one login from one IP (a success clears them);
 *   this is what stops an attacker guessing from their own address;
 * - per login, from new addresses only: a larger budget shared by every IP this login has never
 *   signed in from, which caps a botnet spread over many addresses. An IP the owner signed in or
 *   registered from in the last `knownAddressDays` is not charged to it, so an attacker who drains it
 *   delays the owner only on a new network, and only until the window ends (`retryAfterSeconds`).
 * Register is limited per address and per login (it reveals whether a login exists and costs a hash);
 * refresh per address (cheap token guessing) and per account once the token is found.
 * Without a client IP (a gateway that does not send it) every request shares one "unknown" address.
 */
export interface AuthLimits {
  signInPerAddress: Budget;
  signInPerLoginAndAddress: Budget;
  signInPerLoginFromNewAddresses: Budget;
  registerPerAddress: Budget;
  registerPerLogin: Budget;
  refreshPerAddress: Budget;
  refreshPerAccount: Budget;
  /** How long a successful sign-in makes its address "known" for that login. */
  knownAddressDays: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  signInPerAddress: { points: 50, seconds: 15 * 60 },
  signInPerLoginAndAddress: { points: 10, seconds: 15 * 60 },
  signInPerLoginFromNewAddresses: { points: 30, seconds: 30 * 60 },
  registerPerAddress: { points: 20, seconds: 10 * 60 },
  registerPerLogin: { points: 5, seconds: 60 * 60 },
  refreshPerAddress: { points: 600, seconds: 10 * 60 },
  refreshPerAccount: { points: 60, seconds: 10 * 60 },
  knownAddressDays: 30,
};
