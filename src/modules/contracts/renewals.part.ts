import { ModulePart } from '../module';
import { RenewalResolver } from './renewals.resolver';
import { renewalRules } from './renewals.rules';

/** Renewals: renewContract and expiringContracts (the scheduler is contracts.sweep.ts, run by the app's periodic jobs). */
export const renewalsPart: ModulePart = { resolvers: [RenewalResolver], rules: renewalRules };
