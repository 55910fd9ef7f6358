import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { RequestContext } from '../../tenancy/request-context';
import { PicklistEntity } from './picklists.entity';
import { picklistValuesByPicklist } from './picklists.loaders';
import type { PicklistValueRow } from './picklists.loaders';
import * as picklists from './picklists.service';
import {
  AddPicklistValueInput,
  AddPicklistValuePayload,
  DeletePicklistValueInput,
  DeletePicklistValuePayload,
  Picklist,
  PicklistValue,
  UpdatePicklistValueInput,
  UpdatePicklistValuePayload,
} from './picklists.types';
import { usageNames } from './usages';

@Resolver(() => Picklist)
export class PicklistResolver {
  @Query(() => [Picklist], { description: 'The picklists of the workspace (industry, lead source, loss reason, …), by key.' })
  picklists(@Ctx() ctx: RequestContext): Promise<PicklistEntity[]> {
    return picklists.listPicklists(ctx);
  }

  @Query(() => Picklist, { nullable: true, description: 'One picklist by key, e.g. "industry"; NOT_FOUND when there is none.' })
  picklist(@Ctx() ctx: RequestContext, @Arg('key') key: string): Promise<PicklistEntity> {
    return picklists.getPicklist(ctx, key);
  }

  @Mutation(() => AddPicklistValuePayload, { description: 'Workspace admins: adds a value to a picklist.' })
  addPicklistValue(@Ctx() ctx: RequestContext, @Arg('input') input: AddPicklistValueInput): Promise<AddPicklistValuePayload> {
    return picklists.addPicklistValue(ctx, input);
  }

  @Mutation(() => UpdatePicklistValuePayload, { description: 'Workspace admins: relabels, moves, activates or deactivates a picklist value.' })
  updatePicklistValue(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePicklistValueInput): Promise<UpdatePicklistValuePayload> {
    return picklists.updatePicklistValue(ctx, input);
  }

  @Mutation(() => DeletePicklistValuePayload, {
    description: 'Workspace admins: deletes a picklist value. A value in use (also by records in the recycle bin) is refused unless replaceWith names another active value.',
  })
  deletePicklistValue(@Ctx() ctx: RequestContext, @Arg('input') input: DeletePicklistValueInput): Promise<DeletePicklistValuePayload> {
    return picklists.deletePicklistValue(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() picklist: PicklistEntity): string {
    return toGlobalId('Picklist', picklist.id);
  }

  @FieldResolver(() => [PicklistValue])
  async values(
    @Ctx() ctx: RequestContext,
    @Root() picklist: PicklistEntity,
    @Arg('includeInactive', () => Boolean, { defaultValue: true, description: 'false: only the values that can be chosen for new records.' }) includeInactive: boolean,
  ): Promise<PicklistValueRow[]> {
    const values = await picklistValuesByPicklist(ctx).load(picklist.id);
    return includeInactive ? values : values.filter((v) => v.active);
  }

  @FieldResolver(() => [String])
  usedBy(@Root() picklist: PicklistEntity): string[] {
    return usageNames(`picklist:${picklist.key}`);
  }
}

@Resolver(() => PicklistValue)
export class PicklistValueResolver {
  @FieldResolver(() => ID)
  id(@Root() value: PicklistValueRow): string {
    return toGlobalId('PicklistValue', value.id);
  }
}
