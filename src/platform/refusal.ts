/** Why the control plane refused a change; the API layer turns it into a userError on `field`. */
export type RefusalCode = 'NOT_FOUND' | 'INVALID' | 'DUPLICATE' | 'INVALID_STATE' | 'OUT_OF_RANGE' | 'QUOTA_EXCEEDED';

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Who changed something in the control plane, for the audit trail. */
export interface Actor {
  kind: 'platform' | 'reseller' | 'tenant' | 'system';
  id: string;
}
