import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { DateScalar, TimeZoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { BusinessHours, BusinessHoursInput, Holiday, HolidayInput } from '../configuration/territories.types';

/** Most holidays the workspace calendar keeps (as many as a territory may have). */
export const MAX_HOLIDAYS = 1000;

/** What the service returns for WorkspaceBusinessHours; its holidays are a field resolver's (with a date range). */
export type BusinessHoursView = Omit<WorkspaceBusinessHours, 'holidays'>;

@ObjectType({
  description:
    "The workspace's service calendar: the hours and holidays service levels measured in business hours count (unless an entitlement names a territory's calendar).",
})
export class WorkspaceBusinessHours {
  @Field(() => TimeZoneScalar, { description: "The time zone hours and holidays are read in: the workspace settings' time zone." }) timeZone!: string;
  @Field(() => [BusinessHours], { description: 'Opening hours for each weekday, Monday to Sunday.' }) hours!: BusinessHours[];
  // Resolved by BusinessHoursResolver.holidays (with its date range).
  @Field(() => [Holiday], { description: 'Holidays by date: the calendar is closed all day on them.' }) holidays!: Holiday[];
}

@InputType({ description: 'Changes to the workspace calendar. Omitted fields stay as they are. Give either holidays (the whole list) or addHolidays/removeHolidays.' })
export class UpdateBusinessHoursInput {
  @Field(() => [BusinessHoursInput], { nullable: true, description: 'The whole week: weekdays not listed are closed; at least one day must be open.' })
  @IsOptional()
  @ArrayMaxSize(7)
  hours?: BusinessHoursInput[] | null;

  @Field(() => [HolidayInput], { nullable: true, description: `All holidays, replacing the old ones (up to ${MAX_HOLIDAYS}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_HOLIDAYS)
  holidays?: HolidayInput[] | null;

  @Field(() => [HolidayInput], { nullable: true, description: 'Holidays to add; a date that already is a holiday takes the new name.' })
  @IsOptional()
  @ArrayMaxSize(MAX_HOLIDAYS)
  addHolidays?: HolidayInput[] | null;

  @Field(() => [DateScalar], { nullable: true, description: 'Holidays to remove, by date; NOT_FOUND for a date that is not a holiday.' })
  @IsOptional()
  @ArrayMaxSize(MAX_HOLIDAYS)
  removeHolidays?: string[] | null;
}

@ObjectType({ description: 'Result of updateBusinessHours.' })
export class UpdateBusinessHoursPayload {
  @Field(() => WorkspaceBusinessHours, { nullable: true, description: 'The calendar, when the mutation succeeded.' }) businessHours?: BusinessHoursView | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
