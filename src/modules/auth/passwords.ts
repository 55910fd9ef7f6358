/**
 * Passwords: scrypt (memory-hard; in node's crypto, so no native add-on) with a per-password salt.
 * The stored form names its parameters, so they can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** 2^15 × 8 × 128 bytes = 32 MiB per hash, ~50–100 ms on a server core. */
const COST = { log2N: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: 2 ** log2N, r, p, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST.log2N, COST.r, COST.p);
  return ['scrypt', COST.log2N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(log2N), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Compared against when there is no user with the e-mail, so that an unknown address costs the
 * same time as a wrong password (no account discovery by timing).
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

const MIN_LENGTH = 12;
const MAX_LENGTH = 128;
/** The most common choices and the product's own name: refused wherever they appear. */
const COMMON = ['password', 'passwort', 'qwerty', 'azerty', '123456', 'abc123', 'letmein', 'welcome', 'iloveyou', 'admin', 'tenantry', 'changeme'];

/**
 * Why a password is too weak, or null. Length over composition rules (NIST SP 800-63B): at
 * least 12 characters, not mostly one character, no common word, not the user's name or e-mail.
 */
export function passwordProblem(password: string, person: { email: string; name: string }): string | null {
  const length = [...password].length;
  if (length < MIN_LENGTH) return `The password must have at least ${MIN_LENGTH} characters`;
  if (length > MAX_LENGTH) return `The password must have at most ${MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'The password repeats too few different characters';
  const common = COMMON.find((word) => lower.includes(word));
  if (common) return `The password contains "${common}", one of the most guessed passwords`;
  const personal = [person.email.split('@')[0], ...person.name.split(/\s+/)].map((part) => part.toLowerCase()).filter((part) => part.length >= 4);
  if (personal.some((part) => lower.includes(part))) return 'The password must not contain your name or e-mail address';
  return null;
}
