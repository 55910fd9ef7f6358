/**
 * SLA milestones of a case, computed when read from the stored due and completion times (so a
 * pending milestone turns VIOLATED by itself once its due time passes). The slaViolated filter
 * (cases.spec.ts) states the same rule in SQL.
 */
import { ServiceCaseEntity } from './cases.entity';
import { MilestoneKind, MilestoneStatus } from './cases.types';

export interface MilestoneValue {
  kind: MilestoneKind;
  dueAt: Date;
  completedAt: Date | null;
  status: MilestoneStatus;
}

function milestone(kind: MilestoneKind, dueAt: Date, completedAt: Date | null, now: Date): MilestoneValue {
  const status = completedAt
    ? completedAt.getTime() <= dueAt.getTime()
      ? MilestoneStatus.MET
      : MilestoneStatus.VIOLATED
    : now.getTime() > dueAt.getTime()
      ? MilestoneStatus.VIOLATED
      : MilestoneStatus.PENDING;
  return { kind, dueAt, completedAt, status };
}

/** First response and resolution; none for a case without entitlement (no SLA applies). */
export function caseMilestones(row: ServiceCaseEntity, now = new Date()): MilestoneValue[] {
  if (!row.responseDueAt || !row.resolutionDueAt) return [];
  return [
    milestone(MilestoneKind.FIRST_RESPONSE, row.responseDueAt, row.firstRespondedAt, now),
    milestone(MilestoneKind.RESOLUTION, row.resolutionDueAt, row.resolvedAt, now),
  ];
}
