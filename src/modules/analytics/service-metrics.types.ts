import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { CasePriority } from '../service/cases.types';

@ObjectType({
  description:
    'Service-level counts of a set of cases. A milestone (first response, resolution) is MET when completed by its due time, VIOLATED when completed later or still open after it, ' +
    'PENDING when still open before it: the rule of ServiceCase.milestones, by the clock of the request.',
})
export class ServiceLevelCounts {
  @Field(() => Int, { description: 'Cases opened in the period.' }) cases!: number;
  @Field(() => Int, { description: 'Of those, how many have no entitlement (no service level applies; not in the other counts).' }) withoutEntitlement!: number;
  @Field(() => Int, { description: 'Cases with an entitlement whose first response is MET.' }) responseMet!: number;
  @Field(() => Int, { description: 'Cases with an entitlement whose first response is VIOLATED.' }) responseViolated!: number;
  @Field(() => Int, { description: 'Cases with an entitlement whose first response is PENDING.' }) responsePending!: number;
  @Field(() => Float, { nullable: true, description: 'responseMet / (responseMet + responseViolated), rounded to 6 decimals; null when both are 0.' }) responseCompliance!: number | null;
  @Field(() => Int, { description: 'Cases with an entitlement whose resolution is MET.' }) resolutionMet!: number;
  @Field(() => Int, { description: 'Cases with an entitlement whose resolution is VIOLATED.' }) resolutionViolated!: number;
  @Field(() => Int, { description: 'Cases with an entitlement whose resolution is PENDING.' }) resolutionPending!: number;
  @Field(() => Float, { nullable: true, description: 'resolutionMet / (resolutionMet + resolutionViolated), rounded to 6 decimals; null when both are 0.' })
  resolutionCompliance!: number | null;
}

@ObjectType({ description: 'Service-level counts of the cases of one priority.' })
export class PriorityServiceLevel extends ServiceLevelCounts {
  @Field(() => CasePriority, { description: 'The priority.' }) priority!: CasePriority;
}

@ObjectType({
  description: "Service-level compliance of the cases opened in a period (local days of the workspace), within the caller's record scope and not in the recycle bin.",
})
export class ServiceLevelCompliance extends ServiceLevelCounts {
  @Field(() => DateScalar, { description: 'First day of the period.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period (inclusive).' }) to!: string;
  @Field(() => [PriorityServiceLevel], { description: 'The same counts per priority, every priority from LOW to URGENT (zeros when none).' }) byPriority!: PriorityServiceLevel[];
}
