import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum PrincipalKind {
  PLATFORM = 'PLATFORM',
  RESELLER = 'RESELLER',
  TENANT = 'TENANT',
}
registerEnumType(PrincipalKind, { name: 'PrincipalKind', description: 'What kind of credential is calling.' });

@ObjectType({ description: 'The workspace the caller works in.' })
export class Workspace {
  @Field({ description: 'Short name used at sign-in, e.g. "acme".' }) slug!: string;
  @Field({ description: 'Display name.' }) name!: string;
}

@ObjectType({ description: 'Who is calling, as derived from the credential.' })
export class Viewer {
  @Field(() => PrincipalKind, { description: 'Platform operator, reseller or workspace credential.' }) kind!: PrincipalKind;
  @Field(() => Workspace, { nullable: true, description: 'The workspace of a workspace credential.' }) workspace!: Workspace | null;
  @Field(() => String, { nullable: true, description: 'Key of the role in force for a workspace credential (e.g. admin, sales_rep or a custom role).' }) role!: string | null;
}
