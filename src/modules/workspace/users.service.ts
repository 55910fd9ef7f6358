import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { UserEntity } from './users.entity';

export async function loadUsers(db: QueryRunner, ids: readonly string[]): Promise<(UserEntity | null)[]> {
  const sql = entitySql(db.connection, UserEntity);
  const rows = await queryRows<UserEntity>(db, `SELECT ${sql.selectList('u')} FROM users u WHERE u.id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function findUserByEmail(db: QueryRunner, email: string): Promise<UserEntity | null> {
  const sql = entitySql(db.connection, UserEntity);
  return queryOne<UserEntity>(db, `SELECT ${sql.selectList('u')} FROM users u WHERE lower(u.email) = lower($1)`, [email]);
}

/**
 * Adds an active user unless one with this e-mail exists (tenant manifests, a new workspace's
 * first admin). Such users have no password yet: an admin sends them an invitation to set one.
 */
export async function ensureUser(db: QueryRunner, input: { email: string; name: string; role: string }): Promise<UserEntity> {
  const existing = await findUserByEmail(db, input.email);
  if (existing) return existing;
  const params = new SqlParams();
  const statement = entitySql(db.connection, UserEntity).insert({ id: uuidv7(), email: input.email, name: input.name, roleKey: input.role, status: 'active' }, params);
  return (await queryOne<UserEntity>(db, statement, params.values))!;
}
