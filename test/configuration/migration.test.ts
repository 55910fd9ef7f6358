/**
 * Migration 0004 on a workspace that already has accounts: industries typed in before the picklist
 * existed stay valid (other spellings take the picklist's, the rest join the picklist, blanks
 * become "no industry"), and down() undoes the migration.
 */
import { randomUUID } from 'node:crypto';
import { Configuration0004 } from '../../migrations/tenant/0004-configuration';
import { PersonalData0007 } from '../../migrations/tenant/0007-personal-data';
import { Sales0008 } from '../../migrations/tenant/0008-sales';
import { Service0009 } from '../../migrations/tenant/0009-service';
import { FieldService0010 } from '../../migrations/tenant/0010-field-service';
import { AnalyticsMarketing0011 } from '../../migrations/tenant/0011-analytics-marketing';
import { toGlobalId } from '../../src/graphql/global-id';
import { withControlTransaction } from '../../src/platform/control-transaction';
import { inTenantScope } from '../../src/platform/tenants';
import { GET_ACCOUNT, UPDATE_ACCOUNT_FULL, mutate as mutateCrm } from '../support/crm-operations';
import { dataOf, useHarness } from '../support/harness';
import { picklist } from './configuration-helpers';

const harness = useHarness();

test('existing free-text industries are kept valid when the picklist arrives', async () => {
  const tenant = await harness.createTenant();
  const scope = { schemaName: tenant.tenant.schemaName, roleName: tenant.tenant.roleName };
  const legacy: Record<string, string | null> = { lower: 'software', space: 'Space Mining', shouting: 'SPACE MINING', blank: '  ', none: null };
  const ids = Object.fromEntries(Object.keys(legacy).map((k) => [k, randomUUID()]));

  await withControlTransaction(harness.dataSource, (db) =>
    inTenantScope(db, scope, async (tenantDb) => {
      // Later migrations build on 0004's tables: step back past them, and forward again after.
      const later = [new PersonalData0007(), new Sales0008(), new Service0009(), new FieldService0010(), new AnalyticsMarketing0011()];
      for (const migration of [...later].reverse()) await migration.down(tenantDb);
      await new Configuration0004().down(tenantDb);
      for (const [key, industry] of Object.entries(legacy)) {
        await tenantDb.query(`INSERT INTO accounts (id, name, industry, type, lifecycle_stage) VALUES ($1, $2, $3, 'PROSPECT', 'PROSPECT')`, [ids[key], `Legacy ${key}`, industry]);
      }
      await new Configuration0004().up(tenantDb);
      for (const migration of later) await migration.up(tenantDb);
    }),
  );

  const industries = (await picklist(tenant.client, 'industry')).values;
  const spaceMining = industries.filter((v: { value: string }) => v.value.toLowerCase() === 'space mining');
  expect(spaceMining).toHaveLength(1);
  expect(spaceMining[0]).toMatchObject({ active: true, position: industries.length });
  expect(industries.filter((v: { value: string }) => v.value.toLowerCase() === 'software').map((v: { value: string }) => v.value)).toEqual(['Software']);

  const industryOf = async (key: string) => dataOf(await tenant.client.request(GET_ACCOUNT, { id: toGlobalId('Account', ids[key]) })).account.industry;
  expect(await industryOf('lower')).toBe('Software');
  expect(await industryOf('space')).toBe(spaceMining[0].value);
  expect(await industryOf('shouting')).toBe(spaceMining[0].value);
  expect(await industryOf('blank')).toBeNull();
  expect(await industryOf('none')).toBeNull();

  // The accounts can be saved again with their industry.
  const saved = await mutateCrm(tenant.client, UPDATE_ACCOUNT_FULL, { id: toGlobalId('Account', ids.shouting), industry: spaceMining[0].value, name: 'Saved' });
  expect(saved.userErrors).toEqual([]);
});
