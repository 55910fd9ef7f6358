import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import type { RequestContext } from '../../tenancy/request-context';
import { TerritoryEntity } from './territories.entity';
import { territoryById, territoryChildren, territoryHolidays, territoryHours } from './territories.loaders';
import * as territories from './territories.service';
import {
  BusinessHours,
  CreateTerritoryInput,
  CreateTerritoryPayload,
  DeleteTerritoryInput,
  DeleteTerritoryPayload,
  Holiday,
  TerritoriesArgs,
  Territory,
  TerritoryConnection,
  UpdateTerritoryInput,
  UpdateTerritoryPayload,
  fullWeek,
} from './territories.types';

@Resolver(() => Territory)
export class TerritoryResolver {
  @Query(() => TerritoryConnection, { description: 'Territories of the workspace, by name.' })
  territories(@Ctx() ctx: RequestContext, @Args() args: TerritoriesArgs): Promise<ConnectionValue<TerritoryEntity>> {
    return territories.listTerritories(ctx, args);
  }

  @Query(() => Territory, { nullable: true, description: 'One territory by ID; NOT_FOUND when it does not exist.' })
  territory(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<TerritoryEntity> {
    return territories.getTerritory(ctx, id);
  }

  @Mutation(() => CreateTerritoryPayload, { description: 'Workspace admins: creates a territory.' })
  createTerritory(@Ctx() ctx: RequestContext, @Arg('input') input: CreateTerritoryInput): Promise<CreateTerritoryPayload> {
    return territories.createTerritory(ctx, input);
  }

  @Mutation(() => UpdateTerritoryPayload, { description: 'Workspace admins: changes a territory, its place in the hierarchy, business hours or holidays.' })
  updateTerritory(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateTerritoryInput): Promise<UpdateTerritoryPayload> {
    return territories.updateTerritory(ctx, input);
  }

  @Mutation(() => DeleteTerritoryPayload, { description: 'Workspace admins: deletes a territory without child territories that nothing refers to.' })
  deleteTerritory(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteTerritoryInput): Promise<DeleteTerritoryPayload> {
    return territories.deleteTerritory(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() territory: TerritoryEntity): string {
    return toGlobalId('Territory', territory.id);
  }

  @FieldResolver(() => Territory, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Root() territory: TerritoryEntity): Promise<TerritoryEntity | null> | null {
    return territory.parentId ? territoryById(ctx).load(territory.parentId) : null;
  }

  @FieldResolver(() => [Territory])
  children(@Ctx() ctx: RequestContext, @Root() territory: TerritoryEntity): Promise<TerritoryEntity[]> {
    return territoryChildren(ctx).load(territory.id);
  }

  @FieldResolver(() => [BusinessHours])
  async businessHours(@Ctx() ctx: RequestContext, @Root() territory: TerritoryEntity): Promise<BusinessHours[]> {
    return fullWeek(await territoryHours(ctx).load(territory.id));
  }

  @FieldResolver(() => [Holiday])
  holidays(
    @Ctx() ctx: RequestContext,
    @Root() territory: TerritoryEntity,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Only holidays on or after this date.' }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Only holidays on or before this date.' }) to?: string | null,
  ): Promise<Holiday[]> {
    return territoryHolidays(ctx, from ?? null, to ?? null).load(territory.id);
  }
}
