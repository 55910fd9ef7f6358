import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { EmailScalar } from '../../graphql/scalars';

@ObjectType('User', { implements: Node, description: 'A person who works in the workspace, e.g. the owner of accounts.' })
export class User implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, description: 'Display name.' })
  name!: string;

  @PersonalField(() => EmailScalar, { category: PersonalCategory.CONTACT_DETAILS, description: 'Sign-in e-mail address.' })
  email!: string;

  @Field({ description: 'Whether the user may work in the workspace.' })
  active!: boolean;
}
