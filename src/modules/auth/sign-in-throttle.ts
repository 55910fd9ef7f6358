/**
 * Failed sign-ins counted per account (workspace + e-mail) and per client address, in the control
 * plane so every app instance sees the same counts. Too many failures within the window block the
 * key until the window has passed; a successful sign-in clears its account's count.
 */
import { DataSource } from 'typeorm';
import { queryOne } from '../../db/sql';
import { DomainError } from '../../graphql/errors';

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Failures allowed per window before sign-in is refused for a while. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 50;

/** The account as login finds it (slug trimmed and lower-cased, e-mail ignoring case): one count however it is spelled. */
export const accountKey = (workspace: string, email: string) => `account:${workspace.trim().toLowerCase()}:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** RATE_LIMITED (with retryAfterSeconds) when any of the keys is blocked. */
export async function refuseWhileBlocked(dataSource: DataSource, keys: string[]): Promise<void> {
  const row = await queryOne<{ retryAfter: number | null }>(
    dataSource,
    'SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS "retryAfter" FROM control.sign_in_failures WHERE key = ANY($1) AND blocked_until > now()',
    [keys],
  );
  if (row?.retryAfter) {
    throw new DomainError('RATE_LIMITED', `Too many failed sign-ins; try again in ${row.retryAfter} seconds`, { retryAfterSeconds: row.retryAfter });
  }
}

/** Counts one failure for each key (one statement), blocking those that reach their limit. */
export async function recordFailure(dataSource: DataSource, keys: string[]): Promise<void> {
  await dataSource.query(
    `INSERT INTO control.sign_in_failures AS f (key, failures, first_at)
     SELECT unnest($1::text[]), 1, now()
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.first_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
       first_at = CASE WHEN f.first_at < now() - make_interval(secs => $2) THEN now() ELSE f.first_at END,
       blocked_until = CASE
         WHEN f.first_at >= now() - make_interval(secs => $2)
          AND f.failures + 1 >= CASE WHEN f.key LIKE 'account:%' THEN $3::int ELSE $4::int END
         THEN now() + make_interval(secs => $2)
         ELSE f.blocked_until END`,
    [keys, SIGN_IN_WINDOW_SECONDS, ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT],
  );
}

export async function clearFailures(dataSource: DataSource, keys: string[]): Promise<void> {
  await dataSource.query('DELETE FROM control.sign_in_failures WHERE key = ANY($1)', [keys]);
}
