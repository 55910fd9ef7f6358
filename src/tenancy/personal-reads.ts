/**
 * The personal data one operation read: by record type, which records and which fields, never the
 * values. Filled synchronously while the response resolves (a large list resolves thousands of
 * personal fields, so a read costs two set insertions and no allocation), written once per
 * operation by the access log. Lives in tenancy because the request context carries it; the access
 * log (privacy module) decides what is noted and writes it.
 */
import type { OperationTypeNode } from 'graphql';

export interface PersonalReadsOfType {
  recordType: string;
  /** Record UUIDs (the rows' `id`). */
  records: Set<string>;
  /** Field names read from at least one of these records. */
  fields: Set<string>;
}

export class PersonalReads {
  private readonly byType = new Map<string, PersonalReadsOfType>();
  /** Reads come in runs of one type (the rows of a list): skip the map lookup for those. */
  private last: PersonalReadsOfType | undefined;
  /** The operation that reads, set once it is known (before execution). */
  operation: { type: OperationTypeNode; name: string | null } | undefined;

  /** Notes one read; true for the operation's first, so the caller arranges the write just once. */
  note(recordType: string, recordId: unknown, field: string): boolean {
    let reads = this.last;
    let first = false;
    if (reads?.recordType !== recordType) {
      reads = this.byType.get(recordType);
      if (!reads) {
        first = this.byType.size === 0;
        this.byType.set(recordType, (reads = { recordType, records: new Set(), fields: new Set() }));
      }
      this.last = reads;
    }
    // A row without a string id still counts: the log then says which fields, not of whom.
    if (typeof recordId === 'string') reads.records.add(recordId);
    reads.fields.add(field);
    return first;
  }

  /** What was read so far, by record type; the collector starts empty again. */
  take(): PersonalReadsOfType[] {
    const taken = [...this.byType.values()];
    this.byType.clear();
    this.last = undefined;
    return taken;
  }
}
