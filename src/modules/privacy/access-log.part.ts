/**
 * The personal-data access log: reads of personal fields are noted per operation (access-log.collector),
 * written with the operation's commit, and listed for admins.
 */
import { isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { AccessLogResolver } from './access-log.resolver';

export const accessLogPart: ModulePart = {
  resolvers: [AccessLogResolver],
  rules: {
    Query: { personalDataAccessLog: isTenantAdmin },
    ...wholeTypes(reachableOnlyThroughGuardedFields, 'PersonalDataAccessLogEntry', 'PersonalDataAccessLogConnection', 'PersonalDataAccessLogEdge'),
  },
};
