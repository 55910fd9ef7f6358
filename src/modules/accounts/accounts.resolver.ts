import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { Money } from '../../graphql/values';
import { JSONObjectScalar } from '../../graphql/scalars';
import type { RequestContext } from '../../tenancy/request-context';
import { CustomFieldValues, visibleCustomFields } from '../custom-fields';
import { User, UserEntity, userById } from '../workspace';
import { AccountEntity } from './accounts.entity';
import * as accounts from './accounts.service';
import {
  Account,
  AccountConnection,
  AccountsArgs,
  CreateAccountInput,
  CreateAccountPayload,
  DeleteAccountInput,
  DeleteAccountPayload,
  RestoreAccountInput,
  RestoreAccountPayload,
  UpdateAccountInput,
  UpdateAccountPayload,
} from './accounts.types';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection, { description: 'Accounts of the workspace, filtered, sorted and paginated.' })
  accounts(@Ctx() ctx: RequestContext, @Args() args: AccountsArgs): Promise<ConnectionValue<AccountEntity>> {
    return accounts.listAccounts(ctx, args);
  }

  @Query(() => Account, { nullable: true, description: 'One account by ID; NOT_FOUND when it does not exist or is deleted.' })
  account(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AccountEntity> {
    return accounts.getAccount(ctx, id);
  }

  @Mutation(() => CreateAccountPayload, { description: 'Creates an account.' })
  createAccount(@Ctx() ctx: RequestContext, @Arg('input') input: CreateAccountInput): Promise<CreateAccountPayload> {
    return accounts.createAccount(ctx, input);
  }

  @Mutation(() => UpdateAccountPayload, { description: 'Changes an account.' })
  updateAccount(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateAccountInput): Promise<UpdateAccountPayload> {
    return accounts.updateAccount(ctx, input);
  }

  @Mutation(() => DeleteAccountPayload, { description: 'Moves an account and its contacts to the recycle bin.' })
  deleteAccount(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteAccountInput): Promise<DeleteAccountPayload> {
    return accounts.deleteAccount(ctx, input);
  }

  @Mutation(() => RestoreAccountPayload, { description: 'Restores an account (and the contacts deleted with it) from the recycle bin.' })
  restoreAccount(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreAccountInput): Promise<RestoreAccountPayload> {
    return accounts.restoreAccount(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() account: AccountEntity): string {
    return toGlobalId('Account', account.id);
  }

  @FieldResolver(() => Money, { nullable: true })
  annualRevenue(@Root() account: AccountEntity): Money | null {
    if (account.annualRevenueAmount === null || account.annualRevenueCurrency === null) return null;
    return { amount: account.annualRevenueAmount, currency: account.annualRevenueCurrency };
  }

  @FieldResolver(() => JSONObjectScalar)
  customFields(@Ctx() ctx: RequestContext, @Root() account: AccountEntity): Promise<CustomFieldValues> {
    return visibleCustomFields(ctx, 'ACCOUNT', account.id, account.customFields);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the account.' })
  owner(@Ctx() ctx: RequestContext, @Root() account: AccountEntity): Promise<UserEntity | null> | null {
    return account.ownerId ? userById(ctx).load(account.ownerId) : null;
  }
}
