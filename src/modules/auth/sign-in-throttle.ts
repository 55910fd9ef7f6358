/**
 * Failed sign-ins counted per account (workspace + e-mail) and per client address, in the control
 * plane so every app instance sees the same counts. Too many failures within the window block the
 * key until the window has passed; a successful sign-in clears its account's count.
 */
import { DataSource } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { DomainError } from '../../graphql/errors';

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Failures allowed per window before sign-in is refused for a while. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 50;

/** The account as login finds it (slug trimmed and lower-cased, e-mail ignoring case): one count however it is spelled. */
export const accountKey = (workspace: string, email: string) => `account:${workspace.trim().toLowerCase()}:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

const rateLimited = (retryAfter: number) =>
  new DomainError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfter} seconds`, { retryAfterSeconds: retryAfter });

/** RATE_LIMITED (with retryAfterSeconds) when any of the keys is blocked. */
export async function refuseWhileBlocked(dataSource: DataSource, keys: string[]): Promise<void> {
  const row = await queryOne<{ retryAfter: number | null }>(
    dataSource,
    // Capped at the window: a block written by a transaction that started after this statement's
    // now() (parallel attempts) ends up to a moment more than a window away.
    // (least() skips NULLs: without a block the aggregate row is dropped by HAVING, not capped.)
    `SELECT least(ceil(extract(epoch FROM max(blocked_until) - now())), $2)::int AS "retryAfter"
       FROM control.sign_in_failures WHERE key = ANY($1) AND blocked_until > now() HAVING max(blocked_until) IS NOT NULL`,
    [keys, SIGN_IN_WINDOW_SECONDS],
  );
  if (row?.retryAfter) throw rateLimited(row.retryAfter);
}

/**
 * Counts the attempt as a failure for each key before the password is checked (one statement, so
 * that parallel attempts cannot all slip under the limit before any failure is written), blocking
 * keys that reach their limit. RATE_LIMITED when a key is blocked already or this attempt is beyond
 * its limit. A successful sign-in takes its attempt back with `signInSucceeded`.
 */
export async function countAttempt(dataSource: DataSource, keys: string[]): Promise<void> {
  await refuseWhileBlocked(dataSource, keys);
  const rows = await queryRows<{ over: boolean; retryAfter: number | null }>(
    dataSource,
    `INSERT INTO control.sign_in_failures AS f (key, failures, first_at)
     SELECT unnest($1::text[]), 1, now()
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.first_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
       first_at = CASE WHEN f.first_at < now() - make_interval(secs => $2) THEN now() ELSE f.first_at END,
       blocked_until = CASE
         WHEN f.first_at >= now() - make_interval(secs => $2)
          AND f.failures + 1 >= CASE WHEN f.key LIKE 'account:%' THEN $3::int ELSE $4::int END
         THEN now() + make_interval(secs => $2)
         ELSE f.blocked_until END
     RETURNING f.failures > CASE WHEN f.key LIKE 'account:%' THEN $3::int ELSE $4::int END AS over,
               least(ceil(extract(epoch FROM f.blocked_until - now())), $2)::int AS "retryAfter"`,
    [keys, SIGN_IN_WINDOW_SECONDS, ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT],
  );
  const over = rows.filter((r) => r.over);
  if (over.length) throw rateLimited(Math.max(...over.map((r) => r.retryAfter ?? SIGN_IN_WINDOW_SECONDS)));
}

/** A successful sign-in: its account's count is cleared, and its attempt no longer counts against the address. */
export async function signInSucceeded(dataSource: DataSource, keys: { account: string; address: string }): Promise<void> {
  await dataSource.query(
    `WITH cleared AS (DELETE FROM control.sign_in_failures WHERE key = $1)
     UPDATE control.sign_in_failures
        SET failures = greatest(failures - 1, 0),
            blocked_until = CASE WHEN failures - 1 < $3::int THEN NULL ELSE blocked_until END
      WHERE key = $2`,
    [keys.account, keys.address, ADDRESS_FAILURE_LIMIT],
  );
}
