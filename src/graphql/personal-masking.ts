/**
 * Masked personal data: for a role whose personal access to a type is MASKED, every personal field
 * of that type is resolved as usual and then masked, so the caller can tell that a value exists
 * (and roughly what it is: "G•••", "g•••@acme.example", "+•••••••57", a city without street)
 * without reading it. With FULL access the read is noted for the access log instead. Generated
 * from the same @PersonalField registry as the shield rules.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { notePersonalRead } from '../modules/privacy/access-log.collector';
import type { RequestContext } from '../tenancy/request-context';
import { PersonalCategory, PersonalFieldMeta, allPersonalFields } from './personal';

const HIDDEN = '•••';
/** Address parts that locate a region, not a door. */
const COARSE_LOCATION = new Set(['city', 'region', 'country']);

export function maskText(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) return `${value[0]}${HIDDEN}${value.slice(at)}`;
  if (/^\+\d{6,}$/.test(value)) return `+${'•'.repeat(value.length - 3)}${value.slice(-2)}`;
  return value.length ? `${[...value][0]}${HIDDEN}` : value;
}

export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(maskValue);
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, COARSE_LOCATION.has(k) ? v : null]));
  return null;
}

export function maskingMiddleware(): IMiddlewareTypeMap {
  const map: Record<string, Record<string, unknown>> = {};
  for (const field of allPersonalFields()) {
    map[field.typeName] ??= {};
    map[field.typeName][field.fieldName] = personalValue(field);
  }
  return map as IMiddlewareTypeMap;
}

/**
 * Untouched (and without a promise) unless the caller's access to the type is MASKED; a FULL read
 * is noted (a set insertion or two: this runs for every personal value of a large response).
 * Masked reads are not logged: they reveal no personal value.
 */
function personalValue(field: PersonalFieldMeta) {
  const { typeName, fieldName, guardedBy } = field;
  // A sensitive value masked would still tell (and need decrypting): masked access sees null.
  const sensitive = field.category === PersonalCategory.SENSITIVE;
  return (resolve: (...args: unknown[]) => unknown, parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => {
    const access = ctx.can.personalAccess(guardedBy);
    if (sensitive && access === 'masked') return null;
    const value = resolve(parent, args, ctx, info);
    if (access === 'full') {
      // The row's `id`: its UUID on entity rows (a global ID on view objects is converted when written).
      notePersonalRead(ctx, typeName, (parent as { id?: unknown }).id, fieldName, info.operation);
      return value;
    }
    if (access !== 'masked') return value;
    return value instanceof Promise ? value.then(maskValue) : maskValue(value);
  };
}
