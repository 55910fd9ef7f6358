/**
 * What introspection shows: personal fields are documented as such to every API client in
 * development, and a production configuration turns introspection off.
 */
import { dataOf, testAppConfig, useHarness } from '../support/harness';
import { allPersonalFields } from '../../src/graphql/personal';
import { RunningApp, startApp } from '../../src/server';

const harness = useHarness();

const TYPE_FIELDS = 'query($name: String!) { __type(name: $name) { fields { name description } } }';

test('introspection documents every personal field as personal data', async () => {
  const { client } = await harness.createTenant();
  const personal = allPersonalFields();
  expect(personal.length).toBeGreaterThan(0);
  for (const typeName of new Set(personal.map((p) => p.typeName))) {
    const data = dataOf(await client.request(TYPE_FIELDS, { name: typeName }));
    const descriptions = new Map<string, string>(data.__type.fields.map((f: { name: string; description: string }) => [f.name, f.description]));
    for (const { fieldName } of personal.filter((p) => p.typeName === typeName)) {
      expect({ field: `${typeName}.${fieldName}`, description: descriptions.get(fieldName) }).toEqual({
        field: `${typeName}.${fieldName}`,
        description: expect.stringContaining(`Personal data`),
      });
    }
  }
});

test('with introspection off (production), __schema is refused', async () => {
  let app: RunningApp | undefined;
  try {
    app = await startApp(
      testAppConfig({ exposeSqlCount: false, introspection: false, production: true }),
      harness.dataSource,
    );
    const { token } = await harness.createTenant();
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: { sqlStatements?: number } };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.data ?? null).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/"Contact"|"Account"/);
    // Production hides the statement count.
    expect(body.extensions?.sqlStatements).toBeUndefined();
  } finally {
    await app?.stop();
  }
});
