import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { LocalTimeScalar } from '../configuration/local-time';
import { Territory, Weekday } from '../configuration/territories.types';
import { User } from '../workspace/users.types';
import { Skill } from './skills.types';
import type { TechnicianRow, TimeOffRow } from './technicians.loaders';

@ObjectType({ description: 'A skill of a technician and how good they are at it.' })
export class TechnicianSkill {
  @Field(() => Skill, { description: 'The skill.' }) skill!: Skill;
  @Field(() => Int, { description: 'Level, 1 (beginner) to 5 (expert).' }) level!: number;
}

@ObjectType({ description: "A technician's working time on one weekday, in the home territory's time zone (else the workspace's)." })
export class WorkingHours {
  @Field(() => Weekday, { description: 'The weekday.' }) weekday!: Weekday;
  @Field(() => LocalTimeScalar, { description: 'Start of work, e.g. "08:00".' }) startsAt!: string;
  @Field(() => LocalTimeScalar, { description: 'End of work, e.g. "16:30" ("24:00" = end of day).' }) endsAt!: string;
}

@ObjectType({ description: 'A period a technician is not available (holiday, training, …).' })
export class TimeOff {
  @Field(() => ID, { description: 'Opaque ID (removeTechnicianTimeOff takes it).' }) id!: string;
  @Field(() => DateTimeScalar, { description: 'Start (inclusive).' }) startsAt!: Date;
  @Field(() => DateTimeScalar, { description: 'End (exclusive).' }) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why, e.g. "Holiday" (keep health details out).' }) reason!: string | null;
}

@ObjectType('Technician', { implements: Node, description: 'A service resource: a workspace user who does field work, with skills, territories, working hours and time off.' })
export class Technician implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => User, { description: 'The workspace user who is the technician.' }) user!: User;
  @Field(() => Territory, { nullable: true, description: 'Where the technician is based; its time zone is the one working hours are read in.' }) homeTerritory!: Territory | null;
  @Field(() => [Territory], { description: 'Further territories the technician covers besides the home territory, by name.' }) territories!: Territory[];
  @Field(() => [TechnicianSkill], { description: 'Skills with levels, by skill name.' }) skills!: TechnicianSkill[];
  @Field(() => [WorkingHours], { description: "Working time per weekday, Monday first; weekdays not listed are off. Empty: the technician works the workspace's business hours." }) workingHours!: WorkingHours[];
  @Field(() => [TimeOff], { description: 'Time off overlapping [from, to), earliest first.' }) timeOff!: TimeOff[];
  @Field(() => Int, { description: 'Booked minutes per working day at most (travel and paperwork take the rest).' }) dailyCapacityMinutes!: number;
  @Field({ description: 'Inactive technicians keep their history but get no new appointments.' }) active!: boolean;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the technician was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the technician last changed.' }) updatedAt!: Date;
}

export const { Connection: TechnicianConnection, Edge: TechnicianEdge } = connectionTypes(Technician, 'Technician', 'technician');

@InputType({ description: 'Which technicians to list; conditions combine with AND.' })
export class TechnicianFilter {
  @Field(() => ID, { nullable: true, description: 'Only technicians with this Skill (any level).' }) skill?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only technicians covering this Territory (home or further territory).' }) territory?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only active technicians; false: only inactive ones.' }) active?: boolean | null;
}

@ArgsType()
export class TechniciansArgs extends PageArgsType {
  @Field(() => TechnicianFilter, { nullable: true, description: 'Conditions; oldest technician first.' }) @IsOptional() @ValidateNested() where?: TechnicianFilter | null;
}

@InputType({ description: 'A skill of a technician.' })
export class TechnicianSkillInput {
  @Field(() => ID, { description: 'The Skill (each at most once).' }) skillId!: string;
  @Field(() => Int, { description: 'Level, 1–5.' }) @IsInt() @Min(1) @Max(5) level!: number;
}

@InputType({ description: 'Working time on one weekday.' })
export class WorkingHoursInput {
  @Field(() => Weekday, { description: 'The weekday (each at most once).' }) weekday!: Weekday;
  @Field(() => LocalTimeScalar, { description: 'Start of work, e.g. "08:00".' }) startsAt!: string;
  @Field(() => LocalTimeScalar, { description: 'End of work after the start, e.g. "16:30"; "24:00" = end of day.' }) endsAt!: string;
}

const TERRITORIES = 'Further territories covered besides the home territory (up to 50).';
const SKILLS = 'Skills with levels (up to 100).';
const HOURS = 'Working time per weekday; weekdays not listed are off. Empty: the workspace business hours.';

@InputType({ description: 'A new technician.' })
export class CreateTechnicianInput {
  @Field(() => ID, { description: 'The User: active, and not a technician yet (else DUPLICATE).' }) userId!: string;
  @Field(() => ID, { nullable: true, description: 'Home Territory.' }) homeTerritoryId?: string | null;
  @Field(() => [ID], { nullable: true, description: TERRITORIES }) @IsOptional() @ArrayMaxSize(50) territoryIds?: string[] | null;
  @Field(() => [TechnicianSkillInput], { nullable: true, description: SKILLS }) @IsOptional() @ArrayMaxSize(100) @ValidateNested() skills?: TechnicianSkillInput[] | null;
  @Field(() => [WorkingHoursInput], { nullable: true, description: `${HOURS} Default: empty.` }) @IsOptional() @ArrayMaxSize(7) workingHours?: WorkingHoursInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Booked minutes per working day at most, 15–1440 (default 480).' }) @IsOptional() @IsInt() @Min(15) @Max(1440) dailyCapacityMinutes?: number | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a technician; omitted fields stay as they are, lists given replace the old ones.' })
export class UpdateTechnicianInput {
  @Field(() => ID, { description: 'The Technician.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the technician is at this version.' }) expectedVersion?: number | null;
  @Field(() => ID, { nullable: true, description: 'New home Territory; null clears it.' }) homeTerritoryId?: string | null;
  @Field(() => [ID], { nullable: true, description: TERRITORIES }) @IsOptional() @ArrayMaxSize(50) territoryIds?: string[] | null;
  @Field(() => [TechnicianSkillInput], { nullable: true, description: SKILLS }) @IsOptional() @ArrayMaxSize(100) @ValidateNested() skills?: TechnicianSkillInput[] | null;
  @Field(() => [WorkingHoursInput], { nullable: true, description: HOURS }) @IsOptional() @ArrayMaxSize(7) workingHours?: WorkingHoursInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Booked minutes per working day at most, 15–1440.' }) @IsOptional() @IsInt() @Min(15) @Max(1440) dailyCapacityMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'false: no new appointments (existing ones stay); true: active again.' }) active?: boolean | null;
}

@InputType({ description: 'Time off for a technician.' })
export class AddTechnicianTimeOffInput {
  @Field(() => ID, { description: 'The Technician.' }) technicianId!: string;
  @Field(() => DateTimeScalar, { description: 'Start (inclusive).' }) startsAt!: Date;
  @Field(() => DateTimeScalar, { description: 'End (exclusive), after the start.' }) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why, up to 255 characters (keep health details out).' }) @IsOptional() @MaxLength(255) reason?: string | null;
}

@InputType({ description: 'Time off to remove.' })
export class RemoveTechnicianTimeOffInput {
  @Field(() => ID, { description: 'The TimeOff ID.' }) id!: string;
}

@ObjectType('TechnicianPayload')
class TechnicianPayload {
  @Field(() => Technician, { nullable: true, description: 'The technician, when the mutation succeeded.' }) technician?: TechnicianRow | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createTechnician.' }) export class CreateTechnicianPayload extends TechnicianPayload {}
@ObjectType({ description: 'Result of updateTechnician.' }) export class UpdateTechnicianPayload extends TechnicianPayload {}
@ObjectType({ description: 'Result of removeTechnicianTimeOff.' }) export class RemoveTechnicianTimeOffPayload extends TechnicianPayload {}

@ObjectType({ description: 'Result of addTechnicianTimeOff.' })
export class AddTechnicianTimeOffPayload extends TechnicianPayload {
  @Field(() => TimeOff, { nullable: true, description: 'The time off added, when the mutation succeeded.' }) timeOff?: TimeOffRow | null;
}
