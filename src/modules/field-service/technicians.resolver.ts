import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateTimeScalar } from '../../graphql/scalars';
import type { RequestContext } from '../../tenancy/request-context';
import type { TerritoryEntity } from '../configuration/territories.entity';
import { territoryById } from '../configuration/territories.loaders';
import { Territory, WEEKDAYS } from '../configuration/territories.types';
import type { UserEntity } from '../workspace/users.entity';
import { userById } from '../workspace/users.loaders';
import { User } from '../workspace/users.types';
import type { SkillRow } from './skills.loaders';
import { skillById } from './skills.loaders';
import { listTechnicians, getTechnician } from './technicians.list';
import type { TechnicianRow, TimeOffRow } from './technicians.loaders';
import { technicianHours, technicianSkills, technicianTerritoryIds, technicianTimeOff } from './technicians.loaders';
import * as technicians from './technicians.service';
import { addTechnicianTimeOff, removeTechnicianTimeOff } from './technicians.time-off';
import {
  AddTechnicianTimeOffInput,
  AddTechnicianTimeOffPayload,
  CreateTechnicianInput,
  CreateTechnicianPayload,
  RemoveTechnicianTimeOffInput,
  RemoveTechnicianTimeOffPayload,
  Technician,
  TechnicianConnection,
  TechnicianSkill,
  TechniciansArgs,
  TimeOff,
  UpdateTechnicianInput,
  UpdateTechnicianPayload,
  WorkingHours,
} from './technicians.types';

/** Nested fields load through per-request loaders: a page of technicians costs a constant number of statements. */
@Resolver(() => Technician)
export class TechnicianResolver {
  @Query(() => TechnicianConnection, { description: 'Technicians of the workspace, oldest first.' })
  technicians(@Ctx() ctx: RequestContext, @Args() args: TechniciansArgs): Promise<ConnectionValue<TechnicianRow>> {
    return listTechnicians(ctx, args);
  }

  @Query(() => Technician, { nullable: true, description: 'One technician by ID; NOT_FOUND when it does not exist.' })
  technician(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The Technician.' }) id: string): Promise<TechnicianRow> {
    return getTechnician(ctx, id);
  }

  @Mutation(() => CreateTechnicianPayload, { description: 'Makes an active user a technician (one technician per user).' })
  createTechnician(@Ctx() ctx: RequestContext, @Arg('input') input: CreateTechnicianInput): Promise<CreateTechnicianPayload> {
    return technicians.createTechnician(ctx, input);
  }

  @Mutation(() => UpdateTechnicianPayload, { description: "Changes a technician's territories, skills, working hours, capacity or activity." })
  updateTechnician(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateTechnicianInput): Promise<UpdateTechnicianPayload> {
    return technicians.updateTechnician(ctx, input);
  }

  @Mutation(() => AddTechnicianTimeOffPayload, { description: 'Records time off for a technician; no appointments are booked in it afterwards.' })
  addTechnicianTimeOff(@Ctx() ctx: RequestContext, @Arg('input') input: AddTechnicianTimeOffInput): Promise<AddTechnicianTimeOffPayload> {
    return addTechnicianTimeOff(ctx, input);
  }

  @Mutation(() => RemoveTechnicianTimeOffPayload, { description: "Removes a technician's time off." })
  removeTechnicianTimeOff(@Ctx() ctx: RequestContext, @Arg('input') input: RemoveTechnicianTimeOffInput): Promise<RemoveTechnicianTimeOffPayload> {
    return removeTechnicianTimeOff(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() technician: TechnicianRow): string {
    return toGlobalId('Technician', technician.id);
  }

  @FieldResolver(() => User)
  async user(@Ctx() ctx: RequestContext, @Root() technician: TechnicianRow): Promise<UserEntity> {
    return (await userById(ctx).load(technician.userId))!;
  }

  @FieldResolver(() => Territory, { nullable: true })
  homeTerritory(@Ctx() ctx: RequestContext, @Root() technician: TechnicianRow): Promise<TerritoryEntity | null> | null {
    return technician.homeTerritoryId ? territoryById(ctx).load(technician.homeTerritoryId) : null;
  }

  @FieldResolver(() => [Territory])
  async territories(@Ctx() ctx: RequestContext, @Root() technician: TechnicianRow): Promise<TerritoryEntity[]> {
    const rows = await technicianTerritoryIds(ctx).load(technician.id);
    return (await territoryById(ctx).loadMany(rows.map((r) => r.territoryId))) as TerritoryEntity[];
  }

  @FieldResolver(() => [TechnicianSkill])
  async skills(@Ctx() ctx: RequestContext, @Root() technician: TechnicianRow): Promise<{ skill: SkillRow; level: number }[]> {
    const rows = await technicianSkills(ctx).load(technician.id);
    const skills = await skillById(ctx).loadMany(rows.map((r) => r.skillId));
    return rows.map((r, i) => ({ skill: skills[i] as SkillRow, level: r.level }));
  }

  @FieldResolver(() => [WorkingHours])
  async workingHours(@Ctx() ctx: RequestContext, @Root() technician: TechnicianRow): Promise<WorkingHours[]> {
    const rows = await technicianHours(ctx).load(technician.id);
    return rows.map((h) => ({ weekday: WEEKDAYS[h.weekday - 1], startsAt: h.startsAt, endsAt: h.endsAt }));
  }

  @FieldResolver(() => [TimeOff])
  timeOff(
    @Ctx() ctx: RequestContext,
    @Root() technician: TechnicianRow,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Only time off ending after this instant.' }) from?: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'Only time off starting before this instant.' }) to?: Date | null,
  ): Promise<TimeOffRow[]> {
    return technicianTimeOff(ctx, from ?? null, to ?? null).load(technician.id);
  }
}

@Resolver(() => TimeOff)
export class TimeOffResolver {
  @FieldResolver(() => ID)
  id(@Root() timeOff: TimeOffRow): string {
    return toGlobalId('TimeOff', timeOff.id);
  }
}
