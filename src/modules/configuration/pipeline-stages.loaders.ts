import DataLoader from 'dataloader';
import { entitySql } from '../../db/entity-sql';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { PipelineStageEntity } from './pipeline-stages.entity';

/** Stages by UUID, batched per request (node(id); later opportunity.stage). */
export const pipelineStageById = (ctx: RequestContext): DataLoader<string, PipelineStageEntity | null> =>
  ctx.loaders.get(
    'configuration.pipelineStageById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<PipelineStageEntity>(db, `SELECT ${entitySql(db.connection, PipelineStageEntity).selectList('s')} FROM pipeline_stages s WHERE s.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );
