/** Business rules for contacts. Every function takes the request context first. */
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserErrorCode, userError } from '../../graphql/user-errors';
import { addressValue } from '../../graphql/values';
import { RequestContext } from '../../tenancy/request-context';
import { sealText } from '../../tenancy/sealed-data';
import { sealingContext } from '../../graphql/personal';
import { accountById, accountSpec } from '../accounts';
import { customFieldsForCreate, customFieldsForUpdate } from '../custom-fields';
import { listRecords, loadRecords } from '../records/record-lists';
import { resolveRecordOwner } from '../records/record-owner';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { withinRecordLimit } from '../records/record-quota';
import { resolveReference } from '../records/references';
import { ContactEntity } from './contacts.entity';
import { contactById } from './contacts.loaders';
import { contactSpec } from './contacts.spec';
import {
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

export async function listContacts(ctx: RequestContext, args: ContactsArgs): Promise<ConnectionValue<ContactEntity>> {
  return listRecords(ctx, contactSpec, args);
}

export async function getContact(ctx: RequestContext, id: string): Promise<ContactEntity> {
  const contact = await contactById(ctx).load(requireUuid(id, 'Contact'));
  if (!contact) throw notFound('Contact');
  return contact;
}

export function createContact(ctx: RequestContext, input: CreateContactInput): Promise<CreateContactPayload> {
  return createRecordMutation(ctx, contactSpec, 'contact', input, async (db) => {
    const account = await resolveAccount(ctx, input.accountId);
    if (account.error) return { userErrors: [account.error] };
    const owner = await resolveRecordOwner(ctx, db, 'Contact', input.ownerId, true);
    if (owner.error) return { userErrors: [owner.error] };
    const custom = await customFieldsForCreate(ctx, 'CONTACT', input.customFields);
    if (custom.userErrors.length) return { userErrors: custom.userErrors };
    return {
      values: {
        ...(await contactValues(ctx, input)),
        accountId: account.uuid ?? null,
        // Created by a key acting for nobody (an import, a tenant manifest): the account's owner owns it.
        ownerId: owner.uuid ?? (input.ownerId === undefined && account.uuid ? ((await accountById(ctx).load(account.uuid))?.ownerId ?? null) : null),
        lastName: input.lastName,
        additionalEmails: input.additionalEmails ?? [],
        customFields: custom.values,
      },
    };
  });
}

export function updateContact(ctx: RequestContext, input: UpdateContactInput): Promise<UpdateContactPayload> {
  return writeRecordMutation(ctx, contactSpec, 'contact', input, async (db, id) => {
    const account = await resolveAccount(ctx, input.accountId);
    if (account.error) return { userErrors: [account.error] };
    const owner = await resolveRecordOwner(ctx, db, 'Contact', input.ownerId, false);
    if (owner.error) return { userErrors: [owner.error] };
    const custom = await customFieldsForUpdate(ctx, 'CONTACT', input.customFields);
    if (custom.userErrors.length) return { userErrors: custom.userErrors };
    const additionalEmails = input.additionalEmails === null ? [] : input.additionalEmails;
    const values = { ...(await contactValues(ctx, input)), accountId: account.uuid, ownerId: owner.uuid, lastName: input.lastName, additionalEmails, lastActivityAt: new Date() };
    return updateRecord(db, contactSpec, id, values, input.expectedVersion, custom.assignments);
  });
}

export function deleteContact(ctx: RequestContext, input: DeleteContactInput): Promise<DeleteContactPayload> {
  return writeRecordMutation(ctx, contactSpec, 'contact', input, (db, id) => softDeleteRecord(db, contactSpec, id, input.expectedVersion));
}

/** Restores a contact; one whose account is in the recycle bin waits for the account. */
export function restoreContact(ctx: RequestContext, input: RestoreContactInput): Promise<RestoreContactPayload> {
  return writeRecordMutation(ctx, contactSpec, 'contact', input, async (db, id) => {
    const result = await withinRecordLimit(ctx, db, () => restoreRecord(db, contactSpec, id));
    // Whether the account is live, seen or not: the caller's scope may not include it.
    if (result.row?.accountId && !(await loadRecords(db, accountSpec, [result.row.accountId]))[0]) {
      return { userErrors: [userError(['input', 'id'], 'The contact’s account is in the recycle bin; restore the account first', UserErrorCode.INVALID_STATE)] };
    }
    return result;
  });
}

function resolveAccount(ctx: RequestContext, accountId: string | null | undefined) {
  return resolveReference(accountId, 'Account', 'accountId', async (uuid) => (await accountById(ctx).load(uuid)) !== null);
}

/** Input fields to columns: undefined leaves a column alone, null clears it. The birth date is sealed. */
async function contactValues(ctx: RequestContext, input: CreateContactInput | UpdateContactInput): Promise<Partial<ContactEntity>> {
  return {
    birthDateSealed: input.birthDate ? await sealText(ctx, input.birthDate, sealingContext({ typeName: 'Contact', fieldName: 'birthDate' })) : (input.birthDate as null | undefined),
    firstName: input.firstName,
    email: input.email,
    phone: input.phone,
    mobilePhone: input.mobilePhone,
    jobTitle: input.jobTitle,
    mailingAddress: addressValue(input.mailingAddress),
    preferredChannel: input.preferredChannel,
    doNotContact: input.doNotContact ?? undefined,
    doNotEmail: input.doNotEmail ?? undefined,
    doNotCall: input.doNotCall ?? undefined,
    doNotMail: input.doNotMail ?? undefined,
    deceased: input.deceased ?? undefined,
  };
}
