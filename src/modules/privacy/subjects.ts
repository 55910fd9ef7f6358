/**
 * Finding the person a data-subject request is about. A contact ID stands for every contact that
 * shares one of its e-mail addresses (duplicates of the same person), every lead and workspace
 * user with one, and the leads converted into those contacts; an e-mail address for every contact,
 * lead and user with it, without regard to case, and any other record that holds it (a service
 * case's supplied address). Records in the recycle bin count: their data is
 * still held.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { quoteCodeIdentifier } from '../../db/identifiers';
import { SqlParams } from '../../db/sql-params';
import { SubjectMatch, subjectSources } from './subject-sources';
import type { PersonalDataSubjectInput } from './data-subjects.types';

const SUBJECT = ['input', 'subject'];

export async function findSubject(db: QueryRunner, subject: PersonalDataSubjectInput): Promise<{ match: SubjectMatch } | { error: UserError }> {
  const { contactId, email } = subject;
  if ((contactId == null) === (email == null)) return { error: userError(SUBJECT, 'Give exactly one of contactId and email', UserErrorCode.INVALID) };
  let emails: string[];
  let contactIds: string[] = [];
  if (contactId != null) {
    const uuid = uuidOf(contactId, 'Contact');
    if (!uuid) return { error: userError([...SUBJECT, 'contactId'], '"contactId" is not a valid Contact ID', UserErrorCode.INVALID) };
    const contact = await queryOne<{ emails: string[] }>(db, `SELECT ${EMAILS_OF('c')} AS emails FROM contacts c WHERE c.id = $1`, [uuid]);
    if (!contact) return { error: userError([...SUBJECT, 'contactId'], 'Contact not found', UserErrorCode.NOT_FOUND) };
    contactIds = [uuid];
    emails = contact.emails;
  } else {
    emails = [email!.toLowerCase()];
  }
  const found = await queryRows<{ kind: 'contact' | 'user'; id: string; emails: string[] }>(
    db,
    `SELECT 'contact' AS kind, c.id, ${EMAILS_OF('c')} AS emails FROM contacts c
      WHERE c.id = ANY($1::uuid[]) OR lower(c.email) = ANY($2::text[]) OR EXISTS (SELECT 1 FROM unnest(c.additional_emails) e WHERE lower(e) = ANY($2::text[]))
     UNION ALL
     SELECT 'user', u.id, ARRAY[lower(u.email)] FROM users u WHERE lower(u.email) = ANY($2::text[])
     ORDER BY 1, 2`,
    [contactIds, emails],
  );
  const contacts = found.filter((r) => r.kind === 'contact').map((r) => r.id);
  const match: SubjectMatch = {
    contactIds: contacts,
    userIds: found.filter((r) => r.kind === 'user').map((r) => r.id),
    emails: [...new Set([...emails, ...found.flatMap((r) => r.emails)])].sort(),
    leadIds: [],
  };
  match.leadIds = await leadsOf(db, match);
  if (!match.contactIds.length && !match.userIds.length && !match.leadIds.length && !(await anyRecordHolds(db, match))) {
    return { error: userError(SUBJECT, 'No record of this workspace holds data of this person', UserErrorCode.NOT_FOUND) };
  }
  return { match };
}

/**
 * Whether any other record holds data of a person known only by address (e.g. a service case
 * someone wrote in without being a contact). Earlier requests about the address do not count.
 */
async function anyRecordHolds(db: QueryRunner, match: SubjectMatch): Promise<boolean> {
  const params = new SqlParams();
  const holders = subjectSources
    .filter((source) => source.typeName !== 'PrivacyRequest')
    .map((source) => `EXISTS (SELECT 1 FROM ${quoteCodeIdentifier(source.table)} t WHERE ${source.where(match, params)})`);
  const row = await queryOne<{ held: boolean }>(db, `SELECT ${holders.join(' OR ')} AS held`, params.values);
  return row?.held === true;
}

/** Leads with one of the person's addresses (a lead may never have become a contact), and those converted into their contacts. */
async function leadsOf(db: QueryRunner, match: Pick<SubjectMatch, 'contactIds' | 'emails'>): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    `SELECT l.id FROM leads l WHERE lower(l.email) = ANY($1::text[]) OR l.converted_contact_id = ANY($2::uuid[]) ORDER BY l.id`,
    [match.emails, match.contactIds],
  );
  return rows.map((r) => r.id);
}

/** A contact's addresses, lower-case, without nulls. */
const EMAILS_OF = (alias: string) =>
  `array_remove(array_prepend(lower(${alias}.email), ARRAY(SELECT lower(e) FROM unnest(${alias}.additional_emails) e)), NULL)`;

/** Exactly these contacts (no duplicates by address, no users) and their leads: what retention erases. */
export async function matchForContacts(db: QueryRunner, contactIds: string[]): Promise<SubjectMatch> {
  const rows = await queryRows<{ emails: string[] }>(db, `SELECT ${EMAILS_OF('c')} AS emails FROM contacts c WHERE c.id = ANY($1::uuid[])`, [contactIds]);
  const emails = [...new Set(rows.flatMap((r) => r.emails))].sort();
  return { contactIds, userIds: [], emails, leadIds: await leadsOf(db, { contactIds, emails }) };
}
