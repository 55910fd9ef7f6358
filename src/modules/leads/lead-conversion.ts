/**
 * convertLead: the lead becomes an account (created or linked), a contact (created from the lead
 * or linked) and, by default, an opportunity, and is marked CONVERTED with references to all
 * three. One mutation, one atomic unit: any refusal or failure leaves nothing written.
 */
import { QueryRunner } from 'typeorm';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { AccountEntity, accountById, accountSpec } from '../accounts';
import { ContactEntity, contactById, contactSpec } from '../contacts';
import { OpportunityEntity, insertOpportunity } from '../opportunities';
import { runMutation } from '../records/mutation';
import { reserveRecords } from '../records/record-quota';
import { permittedOwner, withinScope } from '../records/record-scope';
import { insertRecord, updateRecord } from '../records/record-writes';
import { inputRecordId, resolveReference } from '../records/references';
import { userById } from '../workspace';
import { ConvertLeadInput, ConvertLeadPayload } from './lead-conversion.types';
import { LeadEntity } from './leads.entity';
import { convertedProblem, lockLead } from './leads.service';
import { leadSpec } from './leads.spec';
import { LeadStatus } from './leads.types';

type Found<T> = { row: T; create?: undefined; error?: undefined } | { row?: undefined; create: true; error?: undefined } | { row?: undefined; create?: undefined; error: UserError };

const input = (field: string) => ['input', field];

export function convertLead(ctx: RequestContext, args: ConvertLeadInput): Promise<ConvertLeadPayload> {
  return runMutation<ConvertLeadPayload>(ctx, args, async (db) => {
    const target = inputRecordId(args.id, 'Lead');
    if (target.error) return failure(target.error);
    const lead = (await withinScope(ctx, db, leadSpec, target.uuid)) ? await lockLead(db, target.uuid) : null;
    if (!lead) return failure(userError(input('id'), 'Lead not found', UserErrorCode.NOT_FOUND));
    const state = convertedProblem(lead) ?? unqualifiedProblem(lead) ?? staleVersion('Lead', args.expectedVersion, lead.version);
    if (state) return failure(state);

    // Every reference and permission is checked before the first write.
    const owner = await conversionOwner(ctx, args, lead);
    if (owner.error) return failure(owner.error);
    const contact = await existingContact(ctx, args);
    if (contact.error) return failure(contact.error);
    const account = await existingAccount(ctx, args, contact.row);
    if (account.error) return failure(account.error);
    const refusal =
      (account.create ? await mayCreate(ctx, db, 'Account', owner.uuid, 'newAccount') : null) ??
      (contact.create ? await mayCreate(ctx, db, 'Contact', owner.uuid, 'contactId') : null) ??
      (args.createOpportunity && !ctx.can.can('create', 'Opportunity') ? forbiddenToCreate('Opportunity', 'createOpportunity') : null);
    if (refusal) return failure(refusal);
    // A person's name would otherwise become the account's (business, never erased) name.
    if (account.create && !args.newAccount?.name && !lead.company) {
      return failure(userError(input('newAccount'), 'The lead has no company: name the new account (newAccount.name) or link one (accountId)', UserErrorCode.REQUIRED));
    }
    const stageId = args.stageId == null ? null : uuidOf(args.stageId, 'PipelineStage');
    if (args.stageId != null && !stageId) return failure(userError(input('stageId'), '"stageId" is not a valid PipelineStage ID', UserErrorCode.INVALID));

    // The created account and contact count against the plan's record limit like any create.
    await reserveRecords(ctx, db, Number(!!account.create) + Number(!!contact.create));
    const accountRow = account.row ?? (await createAccount(db, args, lead, owner.uuid));
    const contactRow = contact.row ?? (await createContact(db, lead, accountRow.id, owner.uuid));
    let opportunity: OpportunityEntity | null = null;
    if (args.createOpportunity) {
      const created = await insertOpportunity(ctx, db, {
        name: args.opportunityName ?? accountRow.name,
        accountId: accountRow.id,
        primaryContactId: contactRow.id,
        ownerId: owner.uuid,
        amount: args.amount?.amount ?? null,
        currency: args.amount?.currency,
        stageId,
        closeDate: args.closeDate ?? null,
        leadSource: lead.source,
        // Attribution follows the lead into its deal.
        campaignId: lead.campaignId,
      });
      // The source comes from the lead, not the input: a value deactivated since the lead was captured is the lead's problem.
      if ('error' in created) return failure(created.error.field?.[1] === 'leadSource' ? { ...created.error, field: input('id') } : created.error);
      opportunity = created.row;
    }
    const converted = await updateRecord(db, leadSpec, lead.id, {
      status: LeadStatus.CONVERTED,
      convertedAt: new Date(),
      convertedAccountId: accountRow.id,
      convertedContactId: contactRow.id,
      convertedOpportunityId: opportunity?.id ?? null,
    });
    if (converted.userErrors) return failure(...converted.userErrors);
    return { lead: converted.row, account: accountRow, contact: contactRow, opportunity, userErrors: [] } as unknown as ConvertLeadPayload;
  });
}

/** Disqualified leads are re-qualified (qualifyLead) before they are converted. */
function unqualifiedProblem(lead: LeadEntity): UserError | null {
  if (lead.status !== LeadStatus.UNQUALIFIED) return null;
  return userError(input('id'), 'The lead is disqualified; qualify it before converting it', UserErrorCode.INVALID_STATE);
}

/** The owner of what is created: the given active user, else the lead's owner (carried over), else the caller's user. */
async function conversionOwner(ctx: RequestContext, args: ConvertLeadInput, lead: LeadEntity): Promise<{ uuid: string | null; error?: undefined } | { uuid?: undefined; error: UserError }> {
  const given = await resolveReference(args.ownerId, 'User', 'ownerId', async (uuid) => (await userById(ctx).load(uuid))?.active === true);
  if (given.error) return given;
  return { uuid: given.uuid ?? lead.ownerId ?? ctx.can.userId ?? null };
}

/** The contact to link (in the caller's scope), or that one is to be created. */
async function existingContact(ctx: RequestContext, args: ConvertLeadInput): Promise<Found<ContactEntity>> {
  if (args.contactId == null) return { create: true };
  if (args.newAccount) return { error: userError(input('contactId'), 'An existing contact belongs to an existing account: give accountId (or omit it for the contact’s account), not newAccount', UserErrorCode.INVALID) };
  const uuid = uuidOf(args.contactId, 'Contact');
  if (!uuid) return { error: userError(input('contactId'), '"contactId" is not a valid Contact ID', UserErrorCode.INVALID) };
  const row = await contactById(ctx).load(uuid);
  return row ? { row } : { error: userError(input('contactId'), 'Contact not found', UserErrorCode.NOT_FOUND) };
}

/** The account to link (in the caller's scope; the linked contact's), or that one is to be created. */
async function existingAccount(ctx: RequestContext, args: ConvertLeadInput, contact: ContactEntity | undefined): Promise<Found<AccountEntity>> {
  if (args.accountId != null && args.newAccount) return { error: userError(input('newAccount'), 'Give either accountId or newAccount, not both', UserErrorCode.INVALID) };
  let uuid: string | null = null;
  if (args.accountId != null) {
    uuid = uuidOf(args.accountId, 'Account');
    if (!uuid) return { error: userError(input('accountId'), '"accountId" is not a valid Account ID', UserErrorCode.INVALID) };
  }
  if (contact) {
    if (!contact.accountId) return { error: userError(input('contactId'), 'The contact belongs to no account; link it to an account first', UserErrorCode.INVALID) };
    if (uuid && contact.accountId !== uuid) return { error: userError(input('contactId'), 'The contact must be a contact of that account', UserErrorCode.INVALID) };
    uuid = contact.accountId;
  }
  if (!uuid) return { create: true };
  const row = await accountById(ctx).load(uuid);
  return row ? { row } : { error: userError(input(args.accountId != null ? 'accountId' : 'contactId'), 'Account not found', UserErrorCode.NOT_FOUND) };
}

/** Creating needs the role's create permission and an owner the caller may hand records of the type to. */
async function mayCreate(ctx: RequestContext, db: QueryRunner, typeName: string, owner: string | null, field: string): Promise<UserError | null> {
  if (!ctx.can.can('create', typeName)) return forbiddenToCreate(typeName, field);
  return (await permittedOwner(ctx, db, typeName, owner, true)).error ?? null;
}

const forbiddenToCreate = (typeName: string, field: string) => userError(input(field), `Your role may not create ${typeName} records`, UserErrorCode.FORBIDDEN);

/** Named as given, else after the lead's company (checked above: one of them is there). */
function createAccount(db: QueryRunner, args: ConvertLeadInput, lead: LeadEntity, owner: string | null): Promise<AccountEntity> {
  return insertRecord(db, accountSpec, {
    name: (args.newAccount?.name ?? lead.company)!,
    domain: lead.domain,
    website: lead.website,
    ownerId: owner,
    type: 'PROSPECT',
    lifecycleStage: 'PROSPECT',
  });
}

function createContact(db: QueryRunner, lead: LeadEntity, accountId: string, owner: string | null): Promise<ContactEntity> {
  return insertRecord(db, contactSpec, {
    accountId,
    ownerId: owner,
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    jobTitle: lead.jobTitle,
  });
}
