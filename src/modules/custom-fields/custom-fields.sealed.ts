/**
 * Values of sensitive custom fields at rest: `{ "$sealed": "<base64>" }` in the record's
 * `custom_fields`, the JSON value sealed with the workspace's data key and bound to the record type
 * and key (tenancy/sealed-data), so a sealed value moved to another field or workspace does not open.
 * No other value has that shape (MONEY, the only object type, is { amount, currency }).
 */
import { RequestContext } from '../../tenancy/request-context';
import { openText, sealText } from '../../tenancy/sealed-data';
import { CustomFieldDefinitionRow } from './custom-fields.definitions';

const SEALED = '$sealed';

interface SealedValue {
  [SEALED]: string;
}

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[SEALED] === 'string' && Object.keys(value).length === 1;

const context = (typeName: string, key: string): string => `${typeName}.customFields.${key}`;

/** The values to store: those of sensitive definitions sealed, the others as they are. */
export async function sealSensitiveValues(
  ctx: RequestContext,
  typeName: string,
  definitions: Map<string, CustomFieldDefinitionRow>,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const sealed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    sealed[key] = definitions.get(key)?.sensitive ? { [SEALED]: (await sealText(ctx, JSON.stringify(value), context(typeName, key))).toString('base64') } : value;
  }
  return sealed;
}

/** The stored values with sealed ones opened; the same object when none is sealed. */
export async function openSealedValues(ctx: RequestContext, typeName: string, stored: Record<string, unknown>): Promise<Record<string, unknown>> {
  const keys = Object.keys(stored).filter((key) => isSealedValue(stored[key]));
  if (!keys.length) return stored;
  const opened = { ...stored };
  for (const key of keys) {
    opened[key] = JSON.parse(await openText(ctx, Buffer.from((stored[key] as SealedValue)[SEALED], 'base64'), context(typeName, key)));
  }
  return opened;
}
