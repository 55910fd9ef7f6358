import { RequestContext } from '../../tenancy/request-context';
// configuration/index.ts does not export the settings service (yet); the effective settings
// (provisioning values until first changed) only come from it, so it is imported directly.
import { getWorkspaceSettings } from '../configuration';

export interface SalesSettings {
  /** The currency amounts are converted into: the workspace's default currency. */
  currency: string;
  /** The month (1–12) the fiscal year starts in. */
  fiscalYearStartMonth: number;
  /** The day an opportunity was closed on is a day in this zone. */
  timeZone: string;
}

export async function salesSettings(ctx: RequestContext): Promise<SalesSettings> {
  const settings = await getWorkspaceSettings(ctx);
  return { currency: settings.defaultCurrency, fiscalYearStartMonth: settings.fiscalYearStartMonth, timeZone: settings.timeZone };
}

export const workspaceCurrency = async (ctx: RequestContext): Promise<string> => (await salesSettings(ctx)).currency;
