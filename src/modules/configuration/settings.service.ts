/**
 * Workspace settings: one row per workspace, seeded with defaults by the migration. Until an admin
 * first changes them, the settings the workspace was provisioned with (tenant context) show through.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { CurrencyScalar, LocaleScalar, TimeZoneScalar } from '../../graphql/scalars';
import { failure } from '../../graphql/user-errors';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { staleVersion } from './configuration.shared';
import { WorkspaceSettingsEntity } from './settings.entity';
import { UpdateWorkspaceSettingsInput, UpdateWorkspaceSettingsPayload, WorkspaceConfiguration } from './settings.types';

type Settings = Pick<WorkspaceSettingsEntity, 'timeZone' | 'locale' | 'defaultCurrency' | 'fiscalYearStartMonth'>;

async function loadRow(db: QueryRunner, forUpdate = false): Promise<WorkspaceSettingsEntity> {
  const sql = entitySql(db.connection, WorkspaceSettingsEntity);
  const row = await queryOne<WorkspaceSettingsEntity>(db, `SELECT ${sql.selectList('s')} FROM workspace_settings s${forUpdate ? ' FOR UPDATE' : ''}`);
  if (!row) throw new Error('workspace_settings has no row');
  return row;
}

/** A provisioning setting, if it is a valid value of the scalar; otherwise ignored. */
function provisioned(value: unknown, parse: (value: unknown) => unknown): string | undefined {
  try {
    return typeof value === 'string' ? String(parse(value)) : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace as provisioned: its name and the settings given at provisioning. */
type ProvisionedWorkspace = { name: string; settings: Record<string, unknown> | null };

const effective = (ctx: RequestContext, row: WorkspaceSettingsEntity): WorkspaceConfiguration => effectiveSettings(tenantOf(ctx).tenant, row);

/** Stored settings; until first changed (version 1), those given at provisioning take their place. */
function effectiveSettings(tenant: ProvisionedWorkspace, row: WorkspaceSettingsEntity): WorkspaceConfiguration {
  const values: Settings = { timeZone: row.timeZone, locale: row.locale, defaultCurrency: row.defaultCurrency, fiscalYearStartMonth: row.fiscalYearStartMonth };
  if (row.version === 1) {
    const given = tenant.settings ?? {};
    values.timeZone = canonicalTimeZone(provisioned(given.timeZone, (v) => TimeZoneScalar.parseValue(v)) ?? values.timeZone);
    values.locale = canonicalLocale(provisioned(given.locale, (v) => LocaleScalar.parseValue(v)) ?? values.locale);
    values.defaultCurrency = (provisioned(given.defaultCurrency, (v) => CurrencyScalar.parseValue(v)) ?? values.defaultCurrency).toUpperCase();
  }
  return { name: tenant.name, ...values, version: row.version, updatedAt: row.updatedAt };
}

/** "europe/berlin" → "Europe/Berlin"; other spellings are kept as given. */
export function canonicalTimeZone(zone: string): string {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return zone;
  }
}

function canonicalLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    return locale;
  }
}

export async function getWorkspaceSettings(ctx: RequestContext): Promise<WorkspaceConfiguration> {
  return effective(ctx, await loadRow(await tenantDb(ctx)));
}

/** The workspace's time zone as configured (territories default to it). */
export async function workspaceTimeZone(ctx: RequestContext, db: QueryRunner): Promise<string> {
  return effective(ctx, await loadRow(db)).timeZone;
}

/** Today's date ("YYYY-MM-DD") in the workspace's time zone. */
export async function workspaceToday(ctx: RequestContext, db: QueryRunner): Promise<string> {
  return todayIn(db, await workspaceTimeZone(ctx, db));
}

/** The settings of a workspace worked on outside a request (periodic jobs), as configured. */
export async function provisionedWorkspaceSettings(db: QueryRunner, tenant: ProvisionedWorkspace): Promise<WorkspaceConfiguration> {
  return effectiveSettings(tenant, await loadRow(db));
}

/** Today's date in the time zone of a workspace worked on outside a request (periodic jobs), as configured. */
export async function provisionedWorkspaceToday(db: QueryRunner, tenant: ProvisionedWorkspace): Promise<string> {
  return todayIn(db, (await provisionedWorkspaceSettings(db, tenant)).timeZone);
}

/** By the database's clock, as every stored date and time. */
async function todayIn(db: QueryRunner, timeZone: string): Promise<string> {
  return (await queryOne<{ today: string }>(db, 'SELECT (now() AT TIME ZONE $1)::date::text AS today', [timeZone]))!.today;
}

const auditView = (s: WorkspaceConfiguration) => ({
  timeZone: s.timeZone,
  locale: s.locale,
  defaultCurrency: s.defaultCurrency,
  fiscalYearStartMonth: s.fiscalYearStartMonth,
  version: s.version,
});

export function updateWorkspaceSettings(ctx: RequestContext, input: UpdateWorkspaceSettingsInput): Promise<UpdateWorkspaceSettingsPayload> {
  return runMutation<UpdateWorkspaceSettingsPayload>(ctx, input, async (db) => {
    const row = await loadRow(db, true);
    const conflict = staleVersion('The workspace settings', input.expectedVersion, row.version);
    if (conflict) return failure(conflict);
    const before = effective(ctx, row);
    const next: Settings = {
      timeZone: input.timeZone != null ? canonicalTimeZone(input.timeZone) : before.timeZone,
      locale: input.locale != null ? canonicalLocale(input.locale) : before.locale,
      defaultCurrency: input.defaultCurrency != null ? input.defaultCurrency.toUpperCase() : before.defaultCurrency,
      fiscalYearStartMonth: input.fiscalYearStartMonth ?? before.fiscalYearStartMonth,
    };
    const unchanged = (Object.keys(next) as (keyof Settings)[]).every((key) => next[key] === before[key]);
    if (unchanged) return { settings: before, userErrors: [] };
    const sql = entitySql(db.connection, WorkspaceSettingsEntity);
    const updated = (await queryOne<WorkspaceSettingsEntity>(
      db,
      `UPDATE workspace_settings s SET time_zone = $1, locale = $2, default_currency = $3, fiscal_year_start_month = $4, version = s.version + 1, updated_at = now()
        RETURNING ${sql.selectList('s')}`,
      [next.timeZone, next.locale, next.defaultCurrency, next.fiscalYearStartMonth],
    ))!;
    const after = effective(ctx, updated);
    await recordAdminChange(ctx, db, { action: 'workspace_settings.update', targetType: 'WorkspaceSettings', before: auditView(before), after: auditView(after) });
    return { settings: after, userErrors: [] };
  });
}
