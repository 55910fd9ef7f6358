import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import type { CustomFieldDefinitionRow } from './custom-fields.definitions';
import { reservedKeys } from './custom-fields.keys';
import { CustomFieldObject, objectInfo } from './custom-fields.objects';
import * as service from './custom-fields.service';
import {
  CreateCustomFieldDefinitionInput,
  CreateCustomFieldDefinitionPayload,
  CustomFieldDefinition,
  DeleteCustomFieldDefinitionInput,
  DeleteCustomFieldDefinitionPayload,
  UpdateCustomFieldDefinitionInput,
  UpdateCustomFieldDefinitionPayload,
} from './custom-fields.types';

@Resolver(() => CustomFieldDefinition)
export class CustomFieldDefinitionResolver {
  @Query(() => [CustomFieldDefinition], {
    description: 'The custom fields the workspace defined (at most 100 per object), in creation order: what `customFields` of each record type may hold.',
  })
  customFieldDefinitions(
    @Ctx() ctx: RequestContext,
    @Arg('object', () => CustomFieldObject, { nullable: true, description: 'Only the fields of this kind of record (default: all).' }) object?: CustomFieldObject | null,
  ): Promise<CustomFieldDefinitionRow[]> {
    return service.listDefinitions(ctx, object);
  }

  @Mutation(() => CreateCustomFieldDefinitionPayload, { description: 'Workspace admins: defines a custom field on a kind of record.' })
  createCustomFieldDefinition(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('input') input: CreateCustomFieldDefinitionInput,
  ): Promise<CreateCustomFieldDefinitionPayload> {
    return service.createDefinition(ctx, input, reservedKeys(info.schema, objectInfo(input.object).typeName));
  }

  @Mutation(() => UpdateCustomFieldDefinitionPayload, { description: 'Workspace admins: changes a custom field’s label, description, required flag or picklist values.' })
  updateCustomFieldDefinition(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateCustomFieldDefinitionInput): Promise<UpdateCustomFieldDefinitionPayload> {
    return service.updateDefinition(ctx, input);
  }

  @Mutation(() => DeleteCustomFieldDefinitionPayload, { description: 'Workspace admins: deletes a custom field and removes its values from every record, in one transaction.' })
  deleteCustomFieldDefinition(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteCustomFieldDefinitionInput): Promise<DeleteCustomFieldDefinitionPayload> {
    return service.deleteDefinition(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() definition: CustomFieldDefinitionRow): string {
    return service.definitionGlobalId(definition);
  }

  @FieldResolver(() => Boolean)
  visibleToCaller(@Ctx() ctx: RequestContext, @Root() definition: CustomFieldDefinitionRow): boolean {
    return !definition.personal || ctx.can.personal(objectInfo(definition.object).typeName);
  }
}
