import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput, forbidden, notFound } from '../../graphql/errors';
import { parseGlobalId } from '../../graphql/global-id';
import { Node, asNode, nodeTypeOf } from '../../graphql/node';
import { MAX_PAGE_SIZE } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { crmObjectType } from '../../tenancy/role-model';
import { PrincipalKind, Viewer } from './core.types';

@Resolver()
export class CoreResolver {
  @Query(() => Viewer, { description: 'Who is calling.' })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const { principal } = ctx;
    if (principal.kind === 'tenant') {
      return { kind: PrincipalKind.TENANT, workspace: { slug: principal.tenant.slug, name: principal.tenant.name }, role: ctx.can.roleKey };
    }
    return { kind: principal.kind === 'reseller' ? PrincipalKind.RESELLER : PrincipalKind.PLATFORM, workspace: null, role: null };
  }

  @Query(() => Node, { nullable: true, description: 'Any object by global ID; NOT_FOUND when it does not exist in this workspace.' })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<object> {
    return loadNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Several objects by global ID (at most ${MAX_PAGE_SIZE}), in the order asked; null where not found.` })
  async nodes(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw badInput(`At most ${MAX_PAGE_SIZE} ids at once`);
    return Promise.all(ids.map((id) => loadNode(ctx, id, 'ids').catch((error) => (error?.extensions?.code === 'NOT_FOUND' ? null : Promise.reject(error)))));
  }
}

async function loadNode(ctx: RequestContext, id: string, argument: string): Promise<object> {
  const parsed = parseGlobalId(id);
  const nodeType = parsed && nodeTypeOf(parsed.type);
  if (!parsed || !nodeType) throw badInput(`"${argument}" is not a valid ID`, { argument });
  // Objects under the role model need the role's read; workspace reference data (teams, stages, …) any workspace credential reads.
  if (crmObjectType(parsed.type) && !ctx.can.read(parsed.type)) throw forbidden(`Not allowed to read ${parsed.type}`);
  const row = await nodeType.load(ctx, parsed.uuid);
  if (!row) throw notFound(parsed.type);
  return asNode(row, parsed.type);
}
