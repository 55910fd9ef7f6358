import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { DateTimeScalar } from '../../graphql/scalars';
import { User } from '../workspace';

export enum AccessOperationType {
  QUERY = 'query',
  MUTATION = 'mutation',
  SUBSCRIPTION = 'subscription',
}
registerEnumType(AccessOperationType, { name: 'AccessOperationType', description: 'The kind of GraphQL operation that read personal data.' });

@ObjectType({
  description:
    'Personal data one operation read from records of one type: who read which fields of which records, when and through which operation. Holds no values. Masked reads are not logged (they reveal no personal value).',
})
export class PersonalDataAccessLogEntry {
  @Field(() => ID, { description: 'Entry ID.' }) id!: string;
  @Field(() => DateTimeScalar, { description: 'When the operation ran (its transaction began).' }) at!: Date;
  @Field({ description: 'What kind of principal read (api_key or user).' }) actorKind!: string;
  @Field({ description: 'The reading key (its ID) or user (User ID).' }) actorId!: string;
  @Field(() => User, { nullable: true, description: 'The user who read: the signed-in user or the user the key acts for; null for a key acting for nobody.' })
  user!: object | null;
  @Field(() => AccessOperationType, { description: 'Query or mutation.' }) operationType!: AccessOperationType;
  @Field(() => String, { nullable: true, description: 'The operation’s name as the client sent it, if any.' }) operationName!: string | null;
  @Field({ description: 'Type of the records read, e.g. "Contact".' }) recordType!: string;
  @Field(() => [ID], { description: 'The records read (their IDs).' }) records!: string[];
  @Field(() => Int, { description: 'How many records were read.' }) recordCount!: number;
  @Field(() => [String], { description: 'Personal fields read from these records (each from at least one of them), e.g. "email" or "customFields.hobby".' })
  fields!: string[];
  @Field({ description: 'The request’s ID (the X-Request-Id answered to the client and found in the server logs).' }) requestId!: string;
}

export const { Connection: PersonalDataAccessLogConnection, Edge: PersonalDataAccessLogEdge } = connectionTypes(
  PersonalDataAccessLogEntry,
  'PersonalDataAccessLog',
  'access log entry',
);

@InputType({ description: 'Conditions on access log entries; all given must hold.' })
export class PersonalDataAccessLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only reads of this record (e.g. a Contact ID or User ID).' }) recordId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only reads of records of this type, e.g. "Contact".' }) @IsOptional() @MaxLength(60) recordType?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only reads by this user (User ID), signed in or through a key acting for them.' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only reads by this principal (an actorId: API key ID or User ID).' }) @IsOptional() @MaxLength(200) actorId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only reads at or after this time.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only reads before this time.' }) to?: Date | null;
}

@ArgsType()
export class PersonalDataAccessLogArgs extends PageArgsType {
  @Field(() => PersonalDataAccessLogFilter, { nullable: true }) where?: PersonalDataAccessLogFilter | null;
}
