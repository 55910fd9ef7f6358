/** Resellers sell and operate workspaces on the platform's behalf; they never read CRM data. */
import { DataSource } from 'typeorm';
import { Queryable, queryOne, queryRows } from '../db/sql';
import { uuidv7 } from '../db/uuid';
import { recordAudit } from './audit';
import { withControlTransaction } from './control-transaction';
import { Actor, Refusal } from './refusal';

export interface ResellerRecord {
  id: string;
  code: string;
  name: string;
  createdAt: Date;
}

const COLUMNS = `id, code, name, created_at AS "createdAt"`;
const CODE = /^[a-z][a-z0-9-]{1,39}$/;

export async function createReseller(dataSource: DataSource, actor: Actor, input: { code: string; name: string }): Promise<ResellerRecord> {
  if (!CODE.test(input.code)) throw new Refusal('INVALID', 'code', 'Code must be 2–40 lowercase letters, digits and hyphens, starting with a letter');
  try {
    return await withControlTransaction(dataSource, async (db) => {
      const reseller = (await queryOne<ResellerRecord>(db, `INSERT INTO control.resellers (id, code, name) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [
        uuidv7(),
        input.code,
        input.name,
      ]))!;
      await recordAudit(db, actor, 'reseller.create', { resellerId: reseller.id }, null, reseller);
      return reseller;
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'resellers_code_key') throw new Refusal('DUPLICATE', 'code', `A reseller with code "${input.code}" already exists`);
    throw error;
  }
}

export const listResellers = (db: Queryable): Promise<ResellerRecord[]> => queryRows(db, `SELECT ${COLUMNS} FROM control.resellers ORDER BY code`);
export const findReseller = (db: Queryable, id: string): Promise<ResellerRecord | null> =>
  queryOne(db, `SELECT ${COLUMNS} FROM control.resellers WHERE id = $1`, [id]);
export const findResellerByCode = (db: Queryable, code: string): Promise<ResellerRecord | null> =>
  queryOne(db, `SELECT ${COLUMNS} FROM control.resellers WHERE code = $1`, [code]);
