/**
 * Finding the person a data-subject request is about. A contact ID stands for every contact that
 * shares one of its e-mail addresses (duplicates of the same person) and every workspace user
 * signing in with one; an e-mail address for every contact and user with it, without regard to
 * case. Contacts in the recycle bin count: their data is still held.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { SubjectMatch } from './subject-sources';
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
  const match: SubjectMatch = {
    contactIds: found.filter((r) => r.kind === 'contact').map((r) => r.id),
    userIds: found.filter((r) => r.kind === 'user').map((r) => r.id),
    emails: [...new Set([...emails, ...found.flatMap((r) => r.emails)])].sort(),
  };
  if (!match.contactIds.length && !match.userIds.length) {
    return { error: userError(SUBJECT, 'No contact or user holds data of this person', UserErrorCode.NOT_FOUND) };
  }
  return { match };
}

/** A contact's addresses, lower-case, without nulls. */
const EMAILS_OF = (alias: string) =>
  `array_remove(array_prepend(lower(${alias}.email), ARRAY(SELECT lower(e) FROM unnest(${alias}.additional_emails) e)), NULL)`;

/** Exactly these contacts (no duplicates by address, no users): what retention erases. */
export async function matchForContacts(db: QueryRunner, contactIds: string[]): Promise<SubjectMatch> {
  const rows = await queryRows<{ emails: string[] }>(db, `SELECT ${EMAILS_OF('c')} AS emails FROM contacts c WHERE c.id = ANY($1::uuid[])`, [contactIds]);
  return { contactIds, userIds: [], emails: [...new Set(rows.flatMap((r) => r.emails))].sort() };
}
