import { registerNodeType } from '../../graphql/node';
import { ModulePart } from '../module';
import { contractById } from './contracts.loaders';
import {
  AccountContractsResolver,
  ContractLineItemResolver,
  ContractResolver,
  ContractStatusChangeResolver,
  ContractTermsLineItemResolver,
  ContractTermsResolver,
  ContractVersionResolver,
} from './contracts.resolver';
import { contractRules } from './contracts.rules';

registerNodeType({ typeName: 'Contract', load: (ctx, uuid) => contractById(ctx).load(uuid) });

/** Contracts themselves: CRUD of drafts, line items, the status transitions, amendments, and contracts from won opportunities. */
export const contractsPart: ModulePart = {
  resolvers: [
    ContractResolver,
    ContractLineItemResolver,
    ContractVersionResolver,
    ContractTermsResolver,
    ContractTermsLineItemResolver,
    ContractStatusChangeResolver,
    AccountContractsResolver,
  ],
  rules: contractRules,
};
