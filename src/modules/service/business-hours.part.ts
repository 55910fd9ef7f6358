import { RuleMap, isTenantAdmin, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { BusinessHoursResolver } from './business-hours.resolver';

/** Like the rest of the workspace configuration: everyone in the workspace reads the calendar, admins change it. */
const rules: RuleMap = {
  Query: { businessHours: isTenantUser },
  Mutation: { updateBusinessHours: isTenantAdmin },
  WorkspaceBusinessHours: { '*': isTenantUser },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'UpdateBusinessHoursPayload'),
};

/** The workspace's business-hours calendar that service levels are measured in. */
export const businessHoursPart: ModulePart = { resolvers: [BusinessHoursResolver], rules };
