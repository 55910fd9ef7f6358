import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { Money, moneyAmount } from '../../graphql/values';
import type { RequestContext } from '../../tenancy/request-context';
import { Account, type AccountEntity, accountById } from '../accounts';
import { Contact, type ContactEntity, contactById } from '../contacts';
import { Opportunity, type OpportunityEntity, opportunityById } from '../opportunities';
import { calendarDate } from '../../db/calendar-date';
import { Product, type ProductEntity, productById } from '../products';
import { User, type UserEntity, userById } from '../workspace';
import * as amendments from './contracts.amendments';
import type { ContractEntity } from './contracts.entity';
import * as fromOpportunity from './contracts.from-opportunity';
import {
  type ContractLineItemRow,
  type ContractStatusChangeRow,
  type ContractVersionRow,
  type TermsSnapshot,
  contractById,
  contractsByAccount,
  lineItemsByContract,
  statusHistoryByContract,
  successorByContract,
  versionsByContract,
} from './contracts.loaders';
import * as contracts from './contracts.service';
import * as transitions from './contracts.transitions';
import {
  AccountContractsArgs,
  AmendContractInput,
  AmendContractPayload,
  ApproveContractInput,
  ApproveContractPayload,
  Contract,
  ContractConnection,
  ContractLineItem,
  ContractStatusChange,
  ContractTerms,
  ContractTermsLineItem,
  ContractVersion,
  ContractsArgs,
  CreateContractFromOpportunityInput,
  CreateContractFromOpportunityPayload,
  CreateContractInput,
  CreateContractPayload,
  DeleteContractInput,
  DeleteContractPayload,
  RejectContractInput,
  RejectContractPayload,
  RestoreContractInput,
  RestoreContractPayload,
  SubmitContractForApprovalInput,
  SubmitContractForApprovalPayload,
  TerminateContractInput,
  TerminateContractPayload,
  UpdateContractInput,
  UpdateContractPayload,
} from './contracts.types';

/** "YYYY-MM-DD" minus whole days, in calendar arithmetic (no time zone involved). */
function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** The user behind an actor as audit trails store it (a User global ID), null for keys and the scheduler. */
const actorUser = (ctx: RequestContext, actor: { actorKind: string; actorId: string }): Promise<UserEntity | null> | null => {
  const uuid = actor.actorKind === 'user' ? uuidOf(actor.actorId, 'User') : null;
  return uuid ? userById(ctx).load(uuid) : null;
};

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, { description: 'Contracts within your record scope (own or your accounts’ contracts for own/team scopes), filtered, sorted and paginated.' })
  contracts(@Ctx() ctx: RequestContext, @Args() args: ContractsArgs): Promise<ConnectionValue<ContractEntity>> {
    return contracts.listContracts(ctx, args);
  }

  @Query(() => Contract, { nullable: true, description: 'One contract by ID; NOT_FOUND when it does not exist, is deleted or is outside your record scope.' })
  contract(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The Contract ID.' }) id: string): Promise<ContractEntity> {
    return contracts.getContract(ctx, id);
  }

  @Mutation(() => CreateContractPayload, { description: 'Creates a DRAFT contract (numbered, recorded in its status history); with line items its value is their total.' })
  createContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The new contract.' }) input: CreateContractInput): Promise<CreateContractPayload> {
    return contracts.createContract(ctx, input);
  }

  @Mutation(() => UpdateContractPayload, { description: 'Changes a contract: its terms only while DRAFT (INVALID_STATE after; amend instead), owner and description always.' })
  updateContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The changes.' }) input: UpdateContractInput): Promise<UpdateContractPayload> {
    return contracts.updateContract(ctx, input);
  }

  @Mutation(() => DeleteContractPayload, { description: 'Moves a DRAFT contract to the recycle bin (INVALID_STATE for any other status).' })
  deleteContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The contract.' }) input: DeleteContractInput): Promise<DeleteContractPayload> {
    return contracts.deleteContract(ctx, input);
  }

  @Mutation(() => RestoreContractPayload, { description: 'Restores a contract from the recycle bin.' })
  restoreContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The contract.' }) input: RestoreContractInput): Promise<RestoreContractPayload> {
    return contracts.restoreContract(ctx, input);
  }

  @Mutation(() => SubmitContractForApprovalPayload, { description: 'DRAFT → IN_APPROVAL; the contract needs a value or line items.' })
  submitContractForApproval(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The draft contract.' }) input: SubmitContractForApprovalInput): Promise<SubmitContractForApprovalPayload> {
    return transitions.submitContractForApproval(ctx, input);
  }

  @Mutation(() => ApproveContractPayload, { description: 'IN_APPROVAL → ACTIVATED: its terms become version 1 and are locked; a renewal’s predecessor becomes RENEWED.' })
  approveContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The contract in approval.' }) input: ApproveContractInput): Promise<ApproveContractPayload> {
    return transitions.approveContract(ctx, input);
  }

  @Mutation(() => RejectContractPayload, { description: 'IN_APPROVAL → DRAFT, with the reason.' })
  rejectContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The contract in approval.' }) input: RejectContractInput): Promise<RejectContractPayload> {
    return transitions.rejectContract(ctx, input);
  }

  @Mutation(() => TerminateContractPayload, { description: 'ACTIVATED → TERMINATED: the contract ends on the effective date, with the reason.' })
  terminateContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The activated contract.' }) input: TerminateContractInput): Promise<TerminateContractPayload> {
    return transitions.terminateContract(ctx, input);
  }

  @Mutation(() => AmendContractPayload, { description: 'Changes the commercial terms of an ACTIVATED contract as a new version (kept in versions); refused when nothing changes.' })
  amendContract(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The amendment.' }) input: AmendContractInput): Promise<AmendContractPayload> {
    return amendments.amendContract(ctx, input);
  }

  @Mutation(() => CreateContractFromOpportunityPayload, {
    description: 'Turns a WON opportunity into a DRAFT contract (one per opportunity): its account, primary contact as signer, owner, currency and line items.',
  })
  createContractFromOpportunity(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'The opportunity and the contract’s terms.' }) input: CreateContractFromOpportunityInput,
  ): Promise<CreateContractFromOpportunityPayload> {
    return fromOpportunity.createContractFromOpportunity(ctx, input);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() contract: ContractEntity): string {
    return toGlobalId('Contract', contract.id);
  }

  @FieldResolver(() => DateScalar, { description: 'First day covered.' })
  startDate(@Root() contract: ContractEntity): string {
    return calendarDate(contract.startDate)!;
  }

  @FieldResolver(() => DateScalar, { description: 'Last day covered.' })
  endDate(@Root() contract: ContractEntity): string {
    return calendarDate(contract.endDate)!;
  }

  @FieldResolver(() => DateScalar, { description: 'The last day to cancel the renewal: endDate − noticePeriodDays.' })
  noticeDeadline(@Root() contract: ContractEntity): string {
    return daysBefore(calendarDate(contract.endDate)!, contract.noticePeriodDays);
  }

  @FieldResolver(() => Money, { description: 'Contract value.' })
  value(@Root() contract: ContractEntity): Money {
    return { amount: moneyAmount(contract.value), currency: contract.currency };
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The customer (null when outside what your role sees, or in the recycle bin).' })
  account(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<AccountEntity | null> {
    return accountById(ctx).load(contract.accountId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who signs for the customer (null when none, or outside what your role sees).' })
  signer(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<ContactEntity | null> | null {
    return contract.signerContactId ? contactById(ctx).load(contract.signerContactId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the contract.' })
  owner(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<UserEntity | null> | null {
    return contract.ownerId ? userById(ctx).load(contract.ownerId) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The won opportunity it was made from (createContractFromOpportunity).' })
  opportunity(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<OpportunityEntity | null> | null {
    return contract.opportunityId ? opportunityById(ctx).load(contract.opportunityId) : null;
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract this one renews.' })
  predecessor(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<ContractEntity | null> | null {
    return contract.predecessorId ? contractById(ctx).load(contract.predecessorId) : null;
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract renewing this one, once a renewal exists (batched across contracts).' })
  successor(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<ContractEntity | null> {
    return successorByContract(ctx).load(contract.id);
  }

  @FieldResolver(() => [ContractLineItem], { description: 'The product lines in position order (batched across contracts).' })
  lineItems(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<ContractLineItemRow[]> {
    return lineItemsByContract(ctx).load(contract.id);
  }

  @FieldResolver(() => [ContractVersion], { description: 'Every version of the commercial terms, oldest first: 1 as activated, then one per amendment (empty before activation).' })
  versions(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<ContractVersionRow[]> {
    return versionsByContract(ctx).load(contract.id);
  }

  @FieldResolver(() => [ContractStatusChange], { description: 'Every status change, oldest first, from its creation as DRAFT.' })
  statusHistory(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<ContractStatusChangeRow[]> {
    return statusHistoryByContract(ctx).load(contract.id);
  }
}

const money = (amount: string, currency: string): Money => ({ amount: moneyAmount(amount), currency });
/** A stored decimal without the column's padding ("3.000000" → "3"). */
const plainDecimal = (value: string): string => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

@Resolver(() => ContractLineItem)
export class ContractLineItemResolver {
  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() item: ContractLineItemRow): string {
    return toGlobalId('ContractLineItem', item.id);
  }

  @FieldResolver(() => Product, { description: 'The product.' })
  async product(@Ctx() ctx: RequestContext, @Root() item: ContractLineItemRow): Promise<ProductEntity> {
    return (await productById(ctx).load(item.productId))!;
  }

  @FieldResolver(() => Money, { description: 'Unit price in the contract’s currency.' })
  unitPrice(@Root() item: ContractLineItemRow): Money {
    return money(item.unitPrice, item.currency);
  }

  @FieldResolver(() => Money, { description: 'The line total.' })
  total(@Root() item: ContractLineItemRow): Money {
    return money(item.total, item.currency);
  }
}

@Resolver(() => ContractVersion)
export class ContractVersionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The user who made it (null when an API key or the scheduler did).' })
  actor(@Ctx() ctx: RequestContext, @Root() version: ContractVersionRow): Promise<UserEntity | null> | null {
    return actorUser(ctx, version);
  }

  @FieldResolver(() => ContractTerms, { description: 'The terms of this version.' })
  terms(@Root() version: ContractVersionRow): TermsSnapshot {
    return version.terms;
  }
}

/** A line item of a version's terms, with the contract's currency for its price. */
type TermsLineItemRow = TermsSnapshot['lineItems'][number] & { currency: string };

@Resolver(() => ContractTerms)
export class ContractTermsResolver {
  @FieldResolver(() => Money, { description: 'Contract value.' })
  value(@Root() terms: TermsSnapshot): Money {
    return money(terms.value, terms.currency);
  }

  @FieldResolver(() => [ContractTermsLineItem], { description: 'Line items in position order.' })
  lineItems(@Root() terms: TermsSnapshot): TermsLineItemRow[] {
    return terms.lineItems.map((item) => ({ ...item, quantity: plainDecimal(item.quantity), discountPercent: plainDecimal(item.discountPercent), currency: terms.currency }));
  }
}

@Resolver(() => ContractTermsLineItem)
export class ContractTermsLineItemResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product.' })
  product(@Ctx() ctx: RequestContext, @Root() item: TermsLineItemRow): Promise<ProductEntity | null> {
    return productById(ctx).load(item.productId);
  }

  @FieldResolver(() => Money, { description: 'Unit price.' })
  unitPrice(@Root() item: TermsLineItemRow): Money {
    return money(item.unitPrice, item.currency);
  }
}

@Resolver(() => ContractStatusChange)
export class ContractStatusChangeResolver {
  @FieldResolver(() => Contract, { nullable: true, description: 'The successor (RENEWED) or the predecessor (a renewal’s activation), when within your record scope.' })
  relatedContract(@Ctx() ctx: RequestContext, @Root() change: ContractStatusChangeRow): Promise<ContractEntity | null> | null {
    return change.relatedContractId ? contractById(ctx).load(change.relatedContractId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who did it (null when an API key or the scheduler did).' })
  actor(@Ctx() ctx: RequestContext, @Root() change: ContractStatusChangeRow): Promise<UserEntity | null> | null {
    return actorUser(ctx, change);
  }
}

/** `Account.contracts`: contracts extend the account type without the accounts module knowing them. */
@Resolver(() => Account)
export class AccountContractsResolver {
  @FieldResolver(() => ContractConnection, { description: 'Contracts with this account within your record scope (batched across accounts).' })
  contracts(@Ctx() ctx: RequestContext, @Root() account: AccountEntity, @Args() args: AccountContractsArgs): Promise<ConnectionValue<ContractEntity>> {
    return contractsByAccount(ctx, { ...args }).load(account.id);
  }
}
