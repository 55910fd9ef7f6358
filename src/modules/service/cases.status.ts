/**
 * The service case status machine: NEW → IN_PROGRESS | WAITING_ON_CUSTOMER | RESOLVED,
 * IN_PROGRESS ↔ WAITING_ON_CUSTOMER, either → RESOLVED, RESOLVED → CLOSED | IN_PROGRESS (reopen).
 * CLOSED is final; anything else is refused.
 */
import { CaseStatus } from './cases.entity';

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  NEW: ['IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED'],
  IN_PROGRESS: ['WAITING_ON_CUSTOMER', 'RESOLVED'],
  WAITING_ON_CUSTOMER: ['IN_PROGRESS', 'RESOLVED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: [],
};

export const canChangeCaseStatus = (from: CaseStatus, to: CaseStatus): boolean => TRANSITIONS[from].includes(to);

/** SET clauses (trusted SQL over alias `r`) that go with entering `to` from `from`. */
export function statusAssignments(from: CaseStatus, to: CaseStatus): string[] {
  return [
    // Leaving NEW is working on the case: it counts as the first response when none was recorded.
    ...(from === 'NEW' ? ['first_responded_at = coalesce(r.first_responded_at, now())'] : []),
    ...(to === 'RESOLVED' ? ['resolved_at = now()'] : []),
    // Reopening starts the resolution milestone again.
    ...(from === 'RESOLVED' && to === 'IN_PROGRESS' ? ['resolved_at = NULL'] : []),
    ...(to === 'CLOSED' ? ['closed_at = now()'] : []),
  ];
}
