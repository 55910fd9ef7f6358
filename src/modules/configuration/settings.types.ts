import { IsNotEmpty, Max, Min, ValidateIf } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CurrencyScalar, DateTimeScalar, LocaleScalar, TimeZoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

@ObjectType({ description: 'Workspace-wide settings that its admins configure (the defaults records and reports use).' })
export class WorkspaceConfiguration {
  @Field({ description: 'Display name of the workspace (changed by the operator, not here).' }) name!: string;
  @Field(() => TimeZoneScalar, { description: 'IANA time zone, e.g. "Europe/Berlin"; the default for territories and dates shown without one.' }) timeZone!: string;
  @Field(() => LocaleScalar, { description: 'BCP 47 locale for formatting, e.g. "de-DE".' }) locale!: string;
  @Field(() => CurrencyScalar, { description: 'ISO 4217 currency amounts default to, e.g. "EUR".' }) defaultCurrency!: string;
  @Field(() => Int, { description: 'Month the fiscal year starts in, 1 (January) to 12.' }) fiscalYearStartMonth!: number;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the settings last changed.' }) updatedAt!: Date;
}

/** A required setting may be omitted (unchanged) but not cleared. */
const given = (field: string) => (input: Record<string, unknown>) => input[field] !== undefined;

@InputType({ description: 'Changes to the workspace settings. Omitted fields stay as they are; none can be cleared.' })
export class UpdateWorkspaceSettingsInput {
  @Field(() => TimeZoneScalar, { nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin".' })
  @ValidateIf(given('timeZone'))
  @IsNotEmpty()
  timeZone?: string;

  @Field(() => LocaleScalar, { nullable: true, description: 'BCP 47 locale, e.g. "en-GB".' })
  @ValidateIf(given('locale'))
  @IsNotEmpty()
  locale?: string;

  @Field(() => CurrencyScalar, { nullable: true, description: 'ISO 4217 currency code, e.g. "USD".' })
  @ValidateIf(given('defaultCurrency'))
  @IsNotEmpty()
  defaultCurrency?: string;

  @Field(() => Int, { nullable: true, description: 'Month the fiscal year starts in, 1–12.' })
  @ValidateIf(given('fiscalYearStartMonth'))
  @IsNotEmpty()
  @Min(1)
  @Max(12)
  fiscalYearStartMonth?: number;

  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the settings are at this version.' })
  expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of updateWorkspaceSettings.' })
export class UpdateWorkspaceSettingsPayload {
  @Field(() => WorkspaceConfiguration, { nullable: true, description: 'The settings, when the mutation succeeded.' }) settings?: WorkspaceConfiguration | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
