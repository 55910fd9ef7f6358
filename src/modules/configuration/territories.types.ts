import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { Node } from '../../graphql/node';
import { DateScalar, DateTimeScalar, TimeZoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { LocalTimeScalar } from './local-time';
import type { TerritoryEntity } from './territories.entity';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, { name: 'Weekday', description: 'A day of the week.' });

/** ISO weekday numbers (1 = Monday) as stored. */
export const WEEKDAYS: Weekday[] = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY, Weekday.SUNDAY];

@ObjectType({ description: "Opening hours on one weekday, in the time zone of the calendar they belong to (a territory's or the workspace's)." })
export class BusinessHours {
  @Field(() => Weekday, { description: 'The weekday.' }) weekday!: Weekday;
  @Field({ description: 'Closed all day.' }) closed!: boolean;
  @Field(() => LocalTimeScalar, { nullable: true, description: 'Opening time, e.g. "09:00"; null when closed.' }) open!: string | null;
  @Field(() => LocalTimeScalar, { nullable: true, description: 'Closing time, e.g. "17:00" ("24:00" = end of day); null when closed.' }) close!: string | null;
}

/** All seven weekdays in order, those without opening hours closed (as BusinessHours lists show a week). */
export function fullWeek(open: readonly { weekday: number; open: string; close: string }[]): BusinessHours[] {
  return WEEKDAYS.map((weekday, i) => {
    const day = open.find((h) => h.weekday === i + 1);
    return { weekday, closed: !day, open: day?.open ?? null, close: day?.close ?? null };
  });
}

@ObjectType({ description: 'A day a calendar (a territory or the workspace) is closed all day, e.g. a public holiday.' })
export class Holiday {
  @Field(() => DateScalar, { description: 'The date.' }) date!: string;
  @Field({ description: 'Name, e.g. "Christmas Day".' }) name!: string;
}

@ObjectType('Territory', { implements: Node, description: 'A sales or service territory with its time zone, business hours and holidays (used by SLAs and field service).' })
export class Territory implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the territory covers.' }) description!: string | null;
  @Field(() => Territory, { nullable: true, description: 'The territory this one belongs to.' }) parent!: Territory | null;
  @Field(() => [Territory], { description: 'Territories directly inside this one, by name.' }) children!: Territory[];
  @Field(() => TimeZoneScalar, { description: 'IANA time zone its business hours and holidays are in.' }) timeZone!: string;
  @Field(() => [BusinessHours], { description: 'Opening hours for each weekday, Monday to Sunday.' }) businessHours!: BusinessHours[];
  @Field(() => [Holiday], { description: 'Holidays by date.' }) holidays!: Holiday[];
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the territory was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the territory last changed.' }) updatedAt!: Date;
}

export const { Connection: TerritoryConnection, Edge: TerritoryEdge } = connectionTypes(Territory, 'Territory', 'territory');

@ArgsType()
export class TerritoriesArgs extends PageArgsType {
  @Field(() => ID, { nullable: true, description: 'Only the territories directly inside this one.' }) parentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only territories without a parent.' }) topLevel?: boolean | null;
}

@InputType({ description: 'Opening hours on one weekday: open and close, or closed.' })
export class BusinessHoursInput {
  @Field(() => Weekday, { description: 'The weekday (each at most once).' }) weekday!: Weekday;
  @Field(() => Boolean, { nullable: true, description: 'Closed all day (then no open/close); default false.' }) closed?: boolean | null;
  @Field(() => LocalTimeScalar, { nullable: true, description: 'Opening time, e.g. "09:00".' }) open?: string | null;
  @Field(() => LocalTimeScalar, { nullable: true, description: 'Closing time after the opening time, e.g. "17:00"; "24:00" = end of day.' }) close?: string | null;
}

@InputType({ description: 'A holiday of a territory or of the workspace calendar.' })
export class HolidayInput {
  @Field(() => DateScalar, { description: 'The date (each at most once per calendar).' }) date!: string;
  @Field({ description: 'Name, 1–100 characters.' }) name!: string;
}

const HOURS = 'The whole week: weekdays not listed are closed.';
const HOLIDAYS = 'All holidays of the territory (up to 1000).';

@InputType({ description: 'A new territory.' })
export class CreateTerritoryInput {
  @Field({ description: 'Name, 1–100 characters, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the territory covers (up to 1000 characters).' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'The territory it belongs to.' }) parentId?: string | null;
  @Field(() => TimeZoneScalar, { nullable: true, description: "IANA time zone; default: the workspace's." }) timeZone?: string | null;
  @Field(() => [BusinessHoursInput], { nullable: true, description: `${HOURS} Default: Monday to Friday 09:00–17:00.` }) @IsOptional() @ArrayMaxSize(7) businessHours?: BusinessHoursInput[] | null;
  @Field(() => [HolidayInput], { nullable: true, description: HOLIDAYS }) @IsOptional() @ArrayMaxSize(1000) holidays?: HolidayInput[] | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a territory. Omitted fields stay as they are; lists given replace the old ones.' })
export class UpdateTerritoryInput {
  @Field(() => ID, { description: 'The Territory.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'New parent; null makes it a top-level territory. Cycles are refused.' }) parentId?: string | null;
  @Field(() => TimeZoneScalar, { nullable: true, description: 'New IANA time zone (cannot be cleared).' })
  @ValidateIf((input) => input.timeZone !== undefined)
  @IsNotEmpty()
  timeZone?: string | null;
  @Field(() => [BusinessHoursInput], { nullable: true, description: `New business hours. ${HOURS}` }) @IsOptional() @ArrayMaxSize(7) businessHours?: BusinessHoursInput[] | null;
  @Field(() => [HolidayInput], { nullable: true, description: `New holidays, replacing the old ones. ${HOLIDAYS}` }) @IsOptional() @ArrayMaxSize(1000) holidays?: HolidayInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the territory is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A territory to delete: refused while it has child territories or is in use.' })
export class DeleteTerritoryInput {
  @Field(() => ID, { description: 'The Territory.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the territory is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('TerritoryPayload')
class TerritoryPayload {
  @Field(() => Territory, { nullable: true, description: 'The territory, when the mutation succeeded.' }) territory?: TerritoryEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createTerritory.' }) export class CreateTerritoryPayload extends TerritoryPayload {}
@ObjectType({ description: 'Result of updateTerritory.' }) export class UpdateTerritoryPayload extends TerritoryPayload {}

@ObjectType({ description: 'Result of deleteTerritory.' })
export class DeleteTerritoryPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted territory, when the mutation succeeded.' }) deletedTerritoryId?: string | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
