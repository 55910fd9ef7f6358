/**
 * Masked personal data: for a role whose personal access to a type is MASKED, every personal field
 * of that type is resolved as usual and then masked, so the caller can tell that a value exists
 * (and roughly what it is: "G•••", "g•••@acme.example", "+•••••••57", a city without street)
 * without reading it. Generated from the same @PersonalField registry as the shield rules.
 */
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import type { RequestContext } from '../tenancy/request-context';
import { PersonalFieldMeta, allPersonalFields } from './personal';

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
    map[field.typeName][field.fieldName] = masked(field);
  }
  return map as IMiddlewareTypeMap;
}

/** Untouched (and without a promise) unless the caller's access to the type is MASKED. */
function masked(field: PersonalFieldMeta) {
  return (resolve: (...args: unknown[]) => unknown, parent: unknown, args: unknown, ctx: RequestContext, info: unknown) => {
    const value = resolve(parent, args, ctx, info);
    if (ctx.can.personalAccess(field.guardedBy) !== 'masked') return value;
    return value instanceof Promise ? value.then(maskValue) : maskValue(value);
  };
}
