import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import type { ContractEntity } from './contracts.entity';
import { ContractConnection } from './contracts.types';
import * as renewals from './renewals.service';
import { ExpiringContractsArgs, RenewContractInput, RenewContractPayload } from './renewals.types';

@Resolver()
export class RenewalResolver {
  @Query(() => ContractConnection, {
    description:
      'Activated contracts whose end date is between today and today + withinDays (in the workspace’s time zone), soonest first, within your record scope. A renewal in progress shows as the contract’s successor.',
  })
  expiringContracts(@Ctx() ctx: RequestContext, @Args() args: ExpiringContractsArgs): Promise<ConnectionValue<ContractEntity>> {
    return renewals.expiringContracts(ctx, args);
  }

  @Mutation(() => RenewContractPayload, {
    description:
      'Renews an activated (or expired) contract: a successor draft with the same account, parties and terms for a new period, its line items and entitlements copied, prices optionally uplifted; recorded in its status history. When the successor is activated, the contract becomes RENEWED.',
  })
  renewContract(@Ctx() ctx: RequestContext, @Arg('input') input: RenewContractInput): Promise<RenewContractPayload> {
    return renewals.renewContract(ctx, input);
  }
}
