/** Business rules for contacts. Every function takes the request context first. */
import { QueryRunner } from 'typeorm';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { addressValue } from '../../graphql/values';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { accountById } from '../accounts';
import { createIdempotently } from '../records/idempotency';
import { runMutation } from '../records/mutation';
import { listRecords, loadRecords } from '../records/record-lists';
import { insertRecord, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { inputRecordId, resolveReference } from '../records/references';
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

interface ContactResult {
  contact?: ContactEntity | null;
  userErrors: UserError[];
}

export async function listContacts(ctx: RequestContext, args: ContactsArgs): Promise<ConnectionValue<ContactEntity>> {
  return listRecords(await tenantDb(ctx), contactSpec, args);
}

export async function getContact(ctx: RequestContext, id: string): Promise<ContactEntity> {
  const contact = await contactById(ctx).load(requireUuid(id, 'Contact'));
  if (!contact) throw notFound('Contact');
  return contact;
}

export function createContact(ctx: RequestContext, input: CreateContactInput): Promise<CreateContactPayload> {
  return runMutation<ContactResult>(ctx, input, async (db) => {
    const account = await resolveAccount(ctx, input.accountId);
    if (account.error) return failure(account.error);
    const outcome = await createIdempotently(db, 'createContact', input, async () => ({
      row: await insertRecord(db, contactSpec, {
        ...contactValues(input),
        accountId: account.uuid ?? null,
        lastName: input.lastName,
        additionalEmails: input.additionalEmails ?? [],
      }),
    }));
    if ('userErrors' in outcome) return failure(...outcome.userErrors);
    if ('replayedId' in outcome) return { contact: await loadIncludingDeleted(db, outcome.replayedId), userErrors: [] };
    return { contact: outcome.created, userErrors: [] };
  }) as Promise<CreateContactPayload>;
}

export function updateContact(ctx: RequestContext, input: UpdateContactInput): Promise<UpdateContactPayload> {
  return runMutation<ContactResult>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Contact');
    if (target.error) return failure(target.error);
    const account = await resolveAccount(ctx, input.accountId);
    if (account.error) return failure(account.error);
    const result = await updateRecord(
      db,
      contactSpec,
      target.uuid,
      { ...contactValues(input), accountId: account.uuid, lastName: input.lastName, additionalEmails: input.additionalEmails === null ? [] : input.additionalEmails },
      input.expectedVersion,
    );
    return result.row ? { contact: result.row, userErrors: [] } : failure(...result.userErrors);
  }) as Promise<UpdateContactPayload>;
}

export function deleteContact(ctx: RequestContext, input: DeleteContactInput): Promise<DeleteContactPayload> {
  return runMutation<ContactResult>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Contact');
    if (target.error) return failure(target.error);
    const result = await softDeleteRecord(db, contactSpec, target.uuid, input.expectedVersion);
    return result.row ? { contact: result.row, userErrors: [] } : failure(...result.userErrors);
  }) as Promise<DeleteContactPayload>;
}

/** Restores a contact; one whose account is in the recycle bin waits for the account. */
export function restoreContact(ctx: RequestContext, input: RestoreContactInput): Promise<RestoreContactPayload> {
  return runMutation<ContactResult>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Contact');
    if (target.error) return failure(target.error);
    const result = await restoreRecord(db, contactSpec, target.uuid);
    if (!result.row) return failure(...result.userErrors);
    if (result.row.accountId && !(await accountById(ctx).load(result.row.accountId))) {
      return failure(userError(['input', 'id'], 'The contact’s account is in the recycle bin; restore the account first', UserErrorCode.INVALID_STATE));
    }
    return { contact: result.row, userErrors: [] };
  }) as Promise<RestoreContactPayload>;
}

function resolveAccount(ctx: RequestContext, accountId: string | null | undefined) {
  return resolveReference(accountId, 'Account', 'accountId', async (uuid) => (await accountById(ctx).load(uuid)) !== null);
}

async function loadIncludingDeleted(db: QueryRunner, id: string): Promise<ContactEntity | null> {
  const [row] = await loadRecords(db, contactSpec, [id], { includeDeleted: true });
  return row;
}

/** Input fields to columns: undefined leaves a column alone, null clears it. */
function contactValues(input: CreateContactInput | UpdateContactInput): Partial<ContactEntity> {
  return {
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
  };
}
