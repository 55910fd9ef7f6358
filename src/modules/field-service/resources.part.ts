import { registerNodeType } from '../../graphql/node';
import { registerUsage } from '../configuration';
import { ModulePart } from '../module';
import { SkillResolver } from './skills.resolver';
import { skillById } from './skills.loaders';
import { technicianById } from './technicians.loaders';
import { TechnicianResolver, TimeOffResolver } from './technicians.resolver';
import { resourceRules } from './technicians.rules';
import { workTypeById } from './work-types.loaders';
import { WorkTypeResolver } from './work-types.resolver';

registerNodeType({ typeName: 'Technician', load: (ctx, uuid) => technicianById(ctx).load(uuid) });
registerNodeType({ typeName: 'Skill', load: (ctx, uuid) => skillById(ctx).load(uuid) });
registerNodeType({ typeName: 'WorkType', load: (ctx, uuid) => workTypeById(ctx).load(uuid) });

// A territory technicians are based in or cover cannot be deleted from under them.
registerUsage('Territory', { table: 'technicians', column: 'home_territory_id' });
registerUsage('Territory', { table: 'technician_territories', column: 'territory_id', versioned: false });

/** Service resources: skills, work types and technicians with territories, working hours and time off. */
export const resourcesPart: ModulePart = { resolvers: [SkillResolver, WorkTypeResolver, TechnicianResolver, TimeOffResolver], rules: resourceRules };
