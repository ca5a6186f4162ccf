/** Password hashing (argon2id) and the lockout rule. */
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum, not importable under isolatedModules). */
const ARGON2ID = 2;

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID as never, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** After a failed attempt: the new counter and, at the limit, the time the lock ends. */
export function afterFailure(failedAttempts: number, now: Date): { failedAttempts: number; lockedUntil: Date | null } {
  const next = failedAttempts + 1;
  if (next >= MAX_FAILED_ATTEMPTS) return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  return { failedAttempts: next, lockedUntil: null };
}
