import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateScalar, JSONObjectScalar } from '../../graphql/scalars';
import type { RequestContext } from '../../tenancy/request-context';
import { openText } from '../../tenancy/sealed-data';
import { sealingContext } from '../../graphql/personal';
import { Account, AccountEntity, accountById } from '../accounts';
import { CustomFieldValues, visibleCustomFields } from '../custom-fields';
import { User, UserEntity, userById } from '../workspace';
import { ContactEntity } from './contacts.entity';
import { contactsByAccount } from './contacts.loaders';
import * as contacts from './contacts.service';
import {
  AccountContactsArgs,
  Contact,
  ContactConnection,
  ContactsArgs,
  CreateContactInput,
  CreateContactPayload,
  DeleteContactInput,
  DeleteContactPayload,
  RestoreContactInput,
  RestoreContactPayload,
  UpdateContactInput,
  UpdateContactPayload,
} from './contacts.types';

const BIRTH_DATE = sealingContext({ typeName: 'Contact', fieldName: 'birthDate' });

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => ContactConnection, { description: 'Contacts of the workspace, filtered, sorted and paginated.' })
  contacts(@Ctx() ctx: RequestContext, @Args() args: ContactsArgs): Promise<ConnectionValue<ContactEntity>> {
    return contacts.listContacts(ctx, args);
  }

  @Query(() => Contact, { nullable: true, description: 'One contact by ID; NOT_FOUND when it does not exist or is deleted.' })
  contact(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ContactEntity> {
    return contacts.getContact(ctx, id);
  }

  @Mutation(() => CreateContactPayload, { description: 'Creates a contact.' })
  createContact(@Ctx() ctx: RequestContext, @Arg('input') input: CreateContactInput): Promise<CreateContactPayload> {
    return contacts.createContact(ctx, input);
  }

  @Mutation(() => UpdateContactPayload, { description: 'Changes a contact.' })
  updateContact(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateContactInput): Promise<UpdateContactPayload> {
    return contacts.updateContact(ctx, input);
  }

  @Mutation(() => DeleteContactPayload, { description: 'Moves a contact to the recycle bin.' })
  deleteContact(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteContactInput): Promise<DeleteContactPayload> {
    return contacts.deleteContact(ctx, input);
  }

  @Mutation(() => RestoreContactPayload, { description: 'Restores a contact from the recycle bin.' })
  restoreContact(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreContactInput): Promise<RestoreContactPayload> {
    return contacts.restoreContact(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() contact: ContactEntity): string {
    return toGlobalId('Contact', contact.id);
  }

  @FieldResolver(() => String)
  name(@Root() contact: ContactEntity): string {
    return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  birthDate(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity): Promise<string> | null {
    return contact.birthDateSealed ? openText(ctx, contact.birthDateSealed, BIRTH_DATE) : null;
  }

  @FieldResolver(() => Boolean)
  processingRestricted(@Root() contact: ContactEntity): boolean {
    return contact.processingRestrictedAt !== null;
  }

  @FieldResolver(() => JSONObjectScalar)
  customFields(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity): Promise<CustomFieldValues> {
    return visibleCustomFields(ctx, 'CONTACT', contact.id, contact.customFields);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the contact.' })
  owner(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity): Promise<UserEntity | null> | null {
    return contact.ownerId ? userById(ctx).load(contact.ownerId) : null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account the contact works at (null when it is outside what your role sees).' })
  account(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity): Promise<AccountEntity | null> | null {
    return contact.accountId ? accountById(ctx).load(contact.accountId) : null;
  }
}

/** `Account.contacts`: contacts extend the account type without the accounts module knowing them. */
@Resolver(() => Account)
export class AccountContactsResolver {
  @FieldResolver(() => ContactConnection, { description: 'Contacts at this account (batched across accounts).' })
  contacts(@Ctx() ctx: RequestContext, @Root() account: AccountEntity, @Args() args: AccountContactsArgs): Promise<ConnectionValue<ContactEntity>> {
    return contactsByAccount(ctx, { ...args }).load(account.id);
  }
}
