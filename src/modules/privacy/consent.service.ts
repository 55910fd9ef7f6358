/**
 * Consent and contact preferences: an append-only history of consents per contact, channel and
 * purpose (the history is the evidence), and the one decision whether a contact may be reached.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { uuidv7 } from '../../db/uuid';
import { badInput, notFound } from '../../graphql/errors';
import { requireUuid, toGlobalId, uuidOf } from '../../graphql/global-id';
import { Payload, UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { createIdempotently } from '../records/idempotency';
import { runMutation } from '../records/mutation';
import { loadRecords } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { CONSENT_COLUMNS, ConsentRow, currentConsents } from './consent.loaders';
import { ContactChannel, ContactEntity, contactById, contactSpec } from '../contacts';
import {
  ConsentPurpose,
  ConsentStatus,
  ContactDecisionReason as Reason,
  MAX_DECISIONS,
  RecordConsentInput,
  RecordConsentPayload,
  WithdrawConsentInput,
  WithdrawConsentPayload,
} from './consent.types';

export type { ConsentRow } from './consent.loaders';

/* ------------------------------------------------------------------ the decision (pure) */

/** What the decision reads of a contact. */
export type OutreachFacts = Pick<
  ContactEntity,
  | 'erasedAt'
  | 'deceased'
  | 'doNotContact'
  | 'processingRestrictedAt'
  | 'doNotEmail'
  | 'doNotCall'
  | 'doNotMail'
  | 'email'
  | 'additionalEmails'
  | 'phone'
  | 'mobilePhone'
  | 'mailingAddress'
  | 'preferredChannel'
>;

export interface OutreachDecision {
  allowed: boolean;
  reason: Reason;
  explanation: string;
  /** The current consent for the channel and purpose, if any. */
  consent: ConsentRow | null;
  preferredChannel: ContactChannel | null;
  isPreferredChannel: boolean;
}

const CHANNEL_WORDS: Record<ContactChannel, string> = { EMAIL: 'e-mail', PHONE: 'phone calls', SMS: 'SMS', POST: 'post', VISIT: 'visits' };

/** The contact's opt-out flag per channel: calls and texts share doNotCall, post and visits doNotMail. */
const OPT_OUT: Record<ContactChannel, 'doNotEmail' | 'doNotCall' | 'doNotMail'> = {
  EMAIL: 'doNotEmail',
  PHONE: 'doNotCall',
  SMS: 'doNotCall',
  POST: 'doNotMail',
  VISIT: 'doNotMail',
};

/** A postal address someone can be sent mail at or visited: a street, and a city or postal code. */
const deliverable = (facts: OutreachFacts) => !!facts.mailingAddress?.street && !!(facts.mailingAddress.city || facts.mailingAddress.postalCode);

const ADDRESS: Record<ContactChannel, { has: (facts: OutreachFacts) => boolean; missing: string }> = {
  EMAIL: { has: (f) => !!f.email || f.additionalEmails?.length > 0, missing: 'no e-mail address' },
  PHONE: { has: (f) => !!f.phone || !!f.mobilePhone, missing: 'no phone or mobile number' },
  SMS: { has: (f) => !!f.mobilePhone, missing: 'no mobile number' },
  POST: { has: deliverable, missing: 'no mailing address with street and city or postal code' },
  VISIT: { has: deliverable, missing: 'no mailing address with street and city or postal code' },
};

/** Purposes that need the person's explicit consent; the others only respect a withdrawal. */
const NEEDS_CONSENT = new Set([ConsentPurpose.MARKETING, ConsentPurpose.ANALYTICS]);

const ALLOWING = new Set([Reason.CONSENT_GRANTED, Reason.SERVICE_RELATIONSHIP]);

/** The latest record for the channel and purpose (by effective time, then recording order). */
function latestConsent(consents: readonly ConsentRow[], channel: ContactChannel, purpose: ConsentPurpose): ConsentRow | null {
  let latest: ConsentRow | null = null;
  for (const c of consents) {
    if (c.channel !== channel || c.purpose !== purpose) continue;
    const newer = !latest || c.effectiveAt.getTime() > latest.effectiveAt.getTime() || (c.effectiveAt.getTime() === latest.effectiveAt.getTime() && c.id > latest.id);
    if (newer) latest = c;
  }
  return latest;
}

/**
 * Whether a contact may be reached on a channel for a purpose. The first rule that applies decides:
 * erased, deceased, do-not-contact, restricted processing, the channel's opt-out flag, nothing to
 * reach them at, a withdrawn consent; then MARKETING and ANALYTICS need a granted consent, while
 * SERVICE is allowed without one. `consents` may be the current consents or the whole history.
 */
export function decideOutreach(facts: OutreachFacts, consents: readonly ConsentRow[], channel: ContactChannel, purpose: ConsentPurpose): OutreachDecision {
  const consent = latestConsent(consents, channel, purpose);
  const what = `${CHANNEL_WORDS[channel]} for ${purpose.toLowerCase()}`;
  const decide = (reason: Reason, explanation: string): OutreachDecision => ({
    allowed: ALLOWING.has(reason),
    reason,
    explanation,
    consent,
    preferredChannel: (facts.preferredChannel as ContactChannel | null) ?? null,
    isPreferredChannel: facts.preferredChannel === channel,
  });
  if (facts.erasedAt) return decide(Reason.ERASED, 'The person’s personal data was erased: no outreach of any kind.');
  if (facts.deceased) return decide(Reason.DECEASED, 'The person has died: no outreach of any kind.');
  if (facts.doNotContact) return decide(Reason.DO_NOT_CONTACT, 'The person asked not to be contacted at all (doNotContact).');
  if (facts.processingRestrictedAt) return decide(Reason.PROCESSING_RESTRICTED, 'The person asked to restrict processing of their data: no outreach while it lasts.');
  const optOut = OPT_OUT[channel];
  if (facts[optOut]) return decide(Reason.CHANNEL_OPTED_OUT, `The person opted out of ${CHANNEL_WORDS[channel]} (${optOut}).`);
  if (!ADDRESS[channel].has(facts)) return decide(Reason.NO_ADDRESS, `The contact has ${ADDRESS[channel].missing}.`);
  if (consent?.status === ConsentStatus.WITHDRAWN) return decide(Reason.CONSENT_WITHDRAWN, `The person withdrew consent to ${what}.`);
  if (consent?.status === ConsentStatus.GRANTED) return decide(Reason.CONSENT_GRANTED, `The person consented to ${what}.`);
  if (NEEDS_CONSENT.has(purpose)) return decide(Reason.NO_CONSENT, `${purpose === ConsentPurpose.MARKETING ? 'Marketing' : 'Analytics'} needs the person’s consent, and there is none for ${CHANNEL_WORDS[channel]}.`);
  return decide(Reason.SERVICE_RELATIONSHIP, `Service messages need no consent, and the person has not withdrawn it for ${CHANNEL_WORDS[channel]}.`);
}

/* ------------------------------------------------------------------ reads */

export interface ContactDecisionValue extends OutreachDecision {
  contactId: string;
  contact: ContactEntity | null;
  channel: ContactChannel;
  purpose: ConsentPurpose;
}

async function decisionFor(ctx: RequestContext, contact: ContactEntity, channel: ContactChannel, purpose: ConsentPurpose): Promise<ContactDecisionValue> {
  const consents = await currentConsents(ctx).load(contact.id);
  return { contactId: toGlobalId('Contact', contact.id), contact, channel, purpose, ...decideOutreach(contact, consents, channel, purpose) };
}

/** One contact's decision; NOT_FOUND when it does not exist, is in the recycle bin or outside the caller's scope. */
export async function canContact(ctx: RequestContext, contactId: string, channel: ContactChannel, purpose: ConsentPurpose): Promise<ContactDecisionValue> {
  const contact = await contactById(ctx).load(requireUuid(contactId, 'Contact', 'contactId'));
  if (!contact) throw notFound('Contact');
  return decisionFor(ctx, contact, channel, purpose);
}

/** Decisions for up to 100 contacts in two statements; a contact the caller cannot see answers NOT_FOUND in its place. */
export async function canContactMany(ctx: RequestContext, contactIds: string[], channel: ContactChannel, purpose: ConsentPurpose): Promise<ContactDecisionValue[]> {
  if (contactIds.length < 1 || contactIds.length > MAX_DECISIONS) throw badInput(`Pass 1 to ${MAX_DECISIONS} contact IDs, got ${contactIds.length}`, { argument: 'contactIds', max: MAX_DECISIONS });
  const uuids = contactIds.map((id, i) => requireUuid(id, 'Contact', `contactIds[${i}]`));
  const contacts = await Promise.all(uuids.map((uuid) => contactById(ctx).load(uuid)));
  return Promise.all(
    contacts.map((contact, i) =>
      contact
        ? decisionFor(ctx, contact, channel, purpose)
        : {
            contactId: toGlobalId('Contact', uuids[i]),
            contact: null,
            channel,
            purpose,
            allowed: false,
            reason: Reason.NOT_FOUND,
            explanation: 'Contact not found (it does not exist, is in the recycle bin or is outside what your role sees).',
            consent: null,
            preferredChannel: null,
            isPreferredChannel: false,
          },
    ),
  );
}

/* ------------------------------------------------------------------ writes */

/** How far ahead of the server's clock an effective time may be (the client's clock may run fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

interface ConsentPayloadValue extends Payload {
  consent?: ConsentRow;
  contact?: ContactEntity | null;
}

export function recordConsent(ctx: RequestContext, input: RecordConsentInput): Promise<RecordConsentPayload> {
  return writeConsent(ctx, 'recordConsent', input, input.status ?? ConsentStatus.GRANTED) as Promise<RecordConsentPayload>;
}

/** Withdrawal is always accepted, even for an erased or deceased contact: a "no" must never be lost. */
export function withdrawConsent(ctx: RequestContext, input: WithdrawConsentInput): Promise<WithdrawConsentPayload> {
  return writeConsent(ctx, 'withdrawConsent', input, ConsentStatus.WITHDRAWN) as Promise<WithdrawConsentPayload>;
}

function writeConsent(ctx: RequestContext, operation: string, input: WithdrawConsentInput, status: ConsentStatus): Promise<ConsentPayloadValue> {
  return runMutation<ConsentPayloadValue>(ctx, input, async (db) => {
    const contactUuid = uuidOf(input.contactId, 'Contact');
    if (!contactUuid) return failure(userError(['input', 'contactId'], '"contactId" is not a valid Contact ID', UserErrorCode.INVALID));
    const source = input.source.trim();
    if (!source) return failure(userError(['input', 'source'], 'source must not be blank', UserErrorCode.REQUIRED));
    if (input.effectiveAt && input.effectiveAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      return failure(userError(['input', 'effectiveAt'], 'effectiveAt must not lie in the future', UserErrorCode.OUT_OF_RANGE));
    }
    let touched: ContactEntity | null = null;
    const outcome = await createIdempotently<ConsentRow>(db, operation, input, async () => {
      touched = await touchContact(ctx, db, contactUuid);
      if (!touched) return { userErrors: [contactNotFound()] };
      const refusal = status === ConsentStatus.GRANTED ? cannotGrant(touched) : null;
      if (refusal) return { userErrors: [refusal] };
      return { row: await insertConsent(ctx, db, contactUuid, { ...input, source, status }) };
    });
    if ('userErrors' in outcome) return failure(...outcome.userErrors);
    if ('created' in outcome) return { consent: outcome.created, contact: touched, userErrors: [] };
    // A retry: the first result, with the contact as the caller may see it now.
    const consent = (await queryOne<ConsentRow>(db, `SELECT ${CONSENT_COLUMNS} FROM contact_consents k WHERE k.id = $1`, [outcome.replayedId]))!;
    const [contact] = await loadRecords(db, contactSpec, [consent.contactId], { scope: recordScope(ctx, contactSpec) });
    return { consent, contact, userErrors: [] };
  });
}

const contactNotFound = (): UserError => userError(['input', 'contactId'], 'Contact not found', UserErrorCode.NOT_FOUND);

function cannotGrant(contact: ContactEntity): UserError | null {
  const why = contact.erasedAt ? 'the contact’s personal data was erased' : contact.deceased ? 'the contact is deceased' : null;
  return why ? userError(['input', 'status'], `Consent cannot be granted: ${why}`, UserErrorCode.INVALID_STATE) : null;
}

/**
 * Marks the live contact, within the caller's record scope, as active now and returns it, or null.
 * The row lock also orders this write after a concurrent erasure, so a grant never follows one unseen.
 */
async function touchContact(ctx: RequestContext, db: QueryRunner, contactUuid: string): Promise<ContactEntity | null> {
  const sql = entitySql(db.connection, ContactEntity);
  const params = new SqlParams();
  const conditions = [`c.id = ${params.add(contactUuid)}`, 'c.deleted_at IS NULL'];
  const scope = recordScope(ctx, contactSpec)(params);
  if (scope) conditions.push(scope);
  return queryOne<ContactEntity>(db, `UPDATE ${sql.table} AS c SET last_activity_at = now() WHERE ${conditions.join(' AND ')} RETURNING ${sql.selectList('c')}`, params.values);
}

async function insertConsent(
  ctx: RequestContext,
  db: QueryRunner,
  contactUuid: string,
  consent: { channel: ContactChannel; purpose: ConsentPurpose; status: ConsentStatus; source: string; evidence?: string | null; effectiveAt?: Date | null },
): Promise<ConsentRow> {
  const actor = auditActor(tenantOf(ctx));
  const row = await queryOne<ConsentRow>(
    db,
    `INSERT INTO contact_consents AS k (id, contact_id, channel, purpose, status, source, evidence, effective_at, actor_kind, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), $9, $10) RETURNING ${CONSENT_COLUMNS}`,
    [
      uuidv7(),
      contactUuid,
      consent.channel,
      consent.purpose,
      consent.status,
      consent.source,
      consent.evidence?.trim() || null,
      consent.effectiveAt ?? null,
      actor.type,
      actor.id,
    ],
  );
  return row!;
}
