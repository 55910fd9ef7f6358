import { registerNodeType } from '../../graphql/node';
import { ModuleManifest } from '../module';
import './activities.access';
import { ActivityEntity } from './activities.entity';
import { activityById } from './activities.loaders';
import { AccountTimelineResolver, ActivityResolver, ContactActivitiesResolver, OpportunityActivitiesResolver } from './activities.resolver';
import { activityRules } from './activities.rules';

export { Activity, ActivityConnection, ActivityKind } from './activities.types';
export { ActivityEntity } from './activities.entity';
export { activityById } from './activities.loaders';

registerNodeType({ typeName: 'Activity', load: (ctx, uuid) => activityById(ctx).load(uuid) });

export const activitiesModule: ModuleManifest = {
  name: 'activities',
  entities: [ActivityEntity],
  resolvers: [ActivityResolver, AccountTimelineResolver, ContactActivitiesResolver, OpportunityActivitiesResolver],
  rules: activityRules,
};
