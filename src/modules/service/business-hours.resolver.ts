import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import type { RequestContext } from '../../tenancy/request-context';
import { Holiday } from '../configuration/territories.types';
import * as calendar from './business-hours.service';
import { BusinessHoursView, UpdateBusinessHoursInput, UpdateBusinessHoursPayload, WorkspaceBusinessHours } from './business-hours.types';

@Resolver(() => WorkspaceBusinessHours)
export class BusinessHoursResolver {
  @Query(() => WorkspaceBusinessHours, { description: "The workspace's service calendar: time zone, opening hours per weekday and holidays." })
  businessHours(@Ctx() ctx: RequestContext): Promise<BusinessHoursView> {
    return calendar.getBusinessHours(ctx);
  }

  @Mutation(() => UpdateBusinessHoursPayload, { description: "Workspace admins: changes the workspace's opening hours and holidays (recorded in the admin audit log)." })
  updateBusinessHours(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateBusinessHoursInput): Promise<UpdateBusinessHoursPayload> {
    return calendar.updateBusinessHours(ctx, input);
  }

  @FieldResolver(() => [Holiday])
  holidays(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Only holidays on or after this date.' }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Only holidays on or before this date.' }) to?: string | null,
  ): Promise<Holiday[]> {
    return calendar.listHolidays(ctx, from ?? null, to ?? null);
  }
}
