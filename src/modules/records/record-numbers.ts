import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';

/** Per-workspace sequences behind human-readable record numbers (see the service migration). */
const SEQUENCES = {
  contract: { sequence: 'contract_number_seq', prefix: 'CTR-' },
  serviceCase: { sequence: 'service_case_number_seq', prefix: 'CS-' },
  workOrder: { sequence: 'work_order_number_seq', prefix: 'WO-' },
} as const;

/** The next number of its kind, e.g. "CTR-000042" (six digits at least; a rolled-back create leaves a gap). */
export async function nextRecordNumber(db: QueryRunner, kind: keyof typeof SEQUENCES): Promise<string> {
  const { sequence, prefix } = SEQUENCES[kind];
  const row = await queryOne<{ number: string }>(db, `SELECT $1 || lpad(nextval('${sequence}')::text, 6, '0') AS number`, [prefix]);
  return row!.number;
}
