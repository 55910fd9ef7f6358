import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { DateTimeScalar, JSONObjectScalar } from '../../graphql/scalars';

@ObjectType({ description: 'One configuration or permission change in the workspace.' })
export class AdminAuditEntry {
  @Field(() => ID, { description: 'Entry ID.' }) id!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
  @Field({ description: 'What kind of principal acted (api_key or user).' }) actorKind!: string;
  @Field({ description: 'The acting key (its ID) or user (User ID).' }) actorId!: string;
  @Field({ description: 'What was done, e.g. "pipeline_stage.update".' }) action!: string;
  @Field({ description: 'Kind of thing changed, e.g. "PipelineStage".' }) targetType!: string;
  @Field(() => String, { nullable: true, description: 'ID of the thing changed.' }) targetId!: string | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: 'State before the change.' }) before!: Record<string, unknown> | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: 'State after the change.' }) after!: Record<string, unknown> | null;
}

export const { Connection: AdminAuditConnection, Edge: AdminAuditEdge } = connectionTypes(AdminAuditEntry, 'AdminAudit', 'audit entry');

@ArgsType()
export class AdminAuditArgs extends PageArgsType {
  @Field(() => String, { nullable: true, description: 'Only changes of this kind of thing, e.g. "Picklist".' }) targetType?: string;
  @Field(() => String, { nullable: true, description: 'Only this action, e.g. "picklist.update_value".' }) action?: string;
}
