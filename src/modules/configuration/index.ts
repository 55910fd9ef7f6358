import { registerNodeType } from '../../graphql/node';
import { ModuleManifest } from '../module';
import { configurationRules } from './configuration.rules';
import { PicklistEntity, PicklistValueEntity } from './picklists.entity';
import { picklistById, picklistValueById } from './picklists.loaders';
import { PicklistResolver, PicklistValueResolver } from './picklists.resolver';
import { PipelineStageEntity } from './pipeline-stages.entity';
import { pipelineStageById } from './pipeline-stages.loaders';
import { PipelineStageResolver } from './pipeline-stages.resolver';
import { WorkspaceSettingsEntity } from './settings.entity';
import { WorkspaceSettingsResolver } from './settings.resolver';
import { TeamEntity } from './teams.entity';
import { teamById } from './teams.loaders';
import { TeamResolver, UserTeamsResolver } from './teams.resolver';
import { TerritoryEntity } from './territories.entity';
import { territoryById } from './territories.loaders';
import { TerritoryResolver } from './territories.resolver';

/** For other modules: validate picklist fields, declare where values are used, read the workspace's time zone. */
export { checkPicklistValue } from './picklists.service';
export { registerPicklistUsage, registerUsage } from './usages';
export type { ValueUsage, UsageTarget } from './usages';
export { getWorkspaceSettings, provisionedWorkspaceSettings, provisionedWorkspaceToday, workspaceTimeZone, workspaceToday } from './settings.service';
export { LocalTimeScalar } from './local-time';
export { PipelineStage, ForecastCategory } from './pipeline-stages.types';
export { PipelineStageEntity } from './pipeline-stages.entity';
export { Team } from './teams.types';
export { Territory } from './territories.types';
export { pipelineStageById, teamById, territoryById };

registerNodeType({ typeName: 'Picklist', load: (ctx, uuid) => picklistById(ctx).load(uuid) });
registerNodeType({ typeName: 'PicklistValue', load: (ctx, uuid) => picklistValueById(ctx).load(uuid) });
registerNodeType({ typeName: 'PipelineStage', load: (ctx, uuid) => pipelineStageById(ctx).load(uuid) });
registerNodeType({ typeName: 'Team', load: (ctx, uuid) => teamById(ctx).load(uuid) });
registerNodeType({ typeName: 'Territory', load: (ctx, uuid) => territoryById(ctx).load(uuid) });

/** Workspace administration: settings, picklists, the opportunity pipeline, teams and territories. */
export const configurationModule: ModuleManifest = {
  name: 'configuration',
  entities: [WorkspaceSettingsEntity, PicklistEntity, PicklistValueEntity, PipelineStageEntity, TeamEntity, TerritoryEntity],
  resolvers: [WorkspaceSettingsResolver, PicklistResolver, PicklistValueResolver, PipelineStageResolver, TeamResolver, UserTeamsResolver, TerritoryResolver],
  rules: configurationRules,
};
