import { registerNodeType } from '../../graphql/node';
import { canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { SegmentResolver } from './segments.resolver';
import { segmentById } from './segments.service';

registerNodeType({ typeName: 'Segment', load: (ctx, uuid) => segmentById(ctx).load(uuid) });

/** Saved segments: read and written under the Segment grants; members under those of accounts and contacts. */
export const segmentsPart: ModulePart = {
  resolvers: [SegmentResolver],
  rules: {
    Query: { segments: canRead('Segment'), segment: canRead('Segment') },
    Mutation: { createSegment: canCreate('Segment'), updateSegment: canUpdate('Segment'), deleteSegment: canDelete('Segment') },
    Segment: { '*': canRead('Segment'), owner: canRead('User'), accounts: canRead('Account'), contacts: canRead('Contact') },
    ...wholeTypes(reachableOnlyThroughGuardedFields, 'SegmentConnection', 'SegmentEdge', 'CreateSegmentPayload', 'UpdateSegmentPayload', 'DeleteSegmentPayload'),
  },
};
