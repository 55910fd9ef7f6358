/**
 * The one declaration (@PersonalField) is complete enough to drive export, erasure and encryption:
 * every personal field is stored in a named column or derived from stored ones, every type with
 * stored personal fields has a data-subject source whose table really has those columns, and
 * sensitive fields are stored as sealed bytes.
 */
import { PersonalCategory, allPersonalFields, personalField } from '../../src/graphql/personal';
import { buildApiSchema } from '../../src/graphql/schema';
import { modules } from '../../src/modules';
import { storedPersonalFields, subjectSources } from '../../src/modules/privacy/subject-sources';
import { TestTenant, useHarness } from '../support/harness';

const harness = useHarness();
let workspace: TestTenant;

beforeAll(async () => {
  buildApiSchema(modules);
  workspace = await harness.createTenant({ name: 'Declarations' });
});

test('every personal field names its column or the stored fields it is derived from, never both', () => {
  const problems: string[] = [];
  for (const field of allPersonalFields()) {
    const name = `${field.typeName}.${field.fieldName}`;
    if ((field.column === undefined) === (field.derivedFrom === undefined)) problems.push(`${name}: exactly one of column and derivedFrom`);
    for (const source of field.derivedFrom ?? []) {
      if (!personalField(field.typeName, source)?.column) problems.push(`${name}: derived from ${source}, which is no stored personal field`);
    }
  }
  expect(problems).toEqual([]);
});

test('every type with stored personal fields has a data-subject source, and its table has the declared columns', async () => {
  const types = [...new Set(allPersonalFields().filter((f) => f.column).map((f) => f.typeName))];
  expect(types).toEqual(expect.arrayContaining(['Contact', 'User', 'Consent', 'PrivacyRequest']));
  for (const typeName of types) {
    const source = subjectSources.find((s) => s.typeName === typeName);
    expect({ typeName, source: !!source }).toEqual({ typeName, source: true });
    const columns: { name: string; type: string }[] = await harness.dataSource.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
      [workspace.tenant.schemaName, source!.table],
    );
    const types = new Map(columns.map((c) => [c.name, c.type]));
    for (const field of storedPersonalFields(typeName)) {
      const where = `${typeName}.${field.fieldName} → ${source!.table}.${field.column}`;
      expect({ where, exists: types.has(field.column) }).toEqual({ where, exists: true });
      if (field.category === PersonalCategory.SENSITIVE) expect({ where, type: types.get(field.column) }).toEqual({ where, type: 'bytea' });
    }
  }
});

test('required columns are erased to a value their constraints accept (the erasure tests exercise each source)', () => {
  const contactLastName = personalField('Contact', 'lastName')!;
  expect(contactLastName.erasedValue).toBe('Erased');
  expect(personalField('User', 'email')!.erasedValue).toEqual({ sql: expect.stringContaining('id') });
  expect(personalField('Contact', 'additionalEmails')!.erasedValue).toEqual([]);
});
