/**
 * The schema audit (no server): every field has a shield rule, every personal field is declared,
 * guarded and documented, nothing that looks personal slipped through, root fields refuse callers
 * without the right credential, and the committed schema.graphql is the built one.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  buildSchema,
  getNamedType,
  isInputObjectType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { allow } from 'graphql-shield';
import { BuiltSchema, buildApiSchema, printApiSchema } from '../../src/graphql/schema';
import { allPersonalFields, personalExemption, personalField } from '../../src/graphql/personal';
import { canRead, canReadPersonal, publicOperation, verdictOf } from '../../src/graphql/rules';
import { modules } from '../../src/modules';
import { Permissions } from '../../src/tenancy/permissions';
import { Principal } from '../../src/tenancy/principal';

let built: BuiltSchema;

beforeAll(() => {
  built = buildApiSchema(modules);
});

const objectTypes = (schema: GraphQLSchema): GraphQLObjectType[] =>
  Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'));

const fieldsOf = (type: GraphQLObjectType): GraphQLField<unknown, unknown>[] => Object.values(type.getFields());

// ---- shield rules evaluated directly, with hand-made permissions ----

type Rule = { resolve(parent: unknown, args: unknown, ctx: unknown, info: unknown, options: unknown): Promise<unknown> };

/** A context whose role grants every operation on every type when `write`/`read` say so, and personal data as `personal` says. */
function contextFor(principal: Principal, can: Partial<Permissions> & { write?: () => boolean }) {
  const { write = () => false, ...rest } = can;
  const read = rest.read ?? (() => false);
  const personal = rest.personal ?? (() => false);
  const permissions: Permissions = {
    platform: false,
    reseller: false,
    tenantAdmin: false,
    userId: null,
    roleKey: null,
    read,
    can: (operation, type) => (operation === 'read' ? read(type) : write()),
    scope: () => 'all',
    personal,
    personalAccess: (type) => (personal(type) ? 'full' : 'none'),
    ...rest,
  };
  return { principal, can: permissions, requestId: 'test', _shield: { cache: {} } };
}

const tenantRecord = {
  id: '00000000-0000-7000-8000-000000000001',
  slug: 'audit',
  name: 'Audit',
  schemaName: 't_audit',
  roleName: 't_audit_role',
  status: 'active' as const,
  schemaVersion: 1,
  resellerId: null,
  planCode: 'starter',
  seats: 5,
  seatsUsed: 0,
  settings: {},
  purgeAfter: null,
  purgedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  plan: { code: 'starter', name: 'Starter', seatLimit: 5, recordLimit: 100, apiBudgetPerDay: null, features: [], rateLimitBucketSize: 1000, rateLimitRefillPerSecond: 50 },
};
/** The only fields callers without a credential may use: signing in. */
const PUBLIC_FIELDS = ['Mutation.acceptInvitation', 'Mutation.login', 'Mutation.refreshSession', 'Mutation.resetPassword'];

/** Root fields that operate workspaces from outside (platform admins; resellers for their own). */
const CONTROL_PLANE_FIELDS = [
  'Query.tenants',
  'Query.tenant',
  'Query.tenantUsage',
  'Query.resellerUsage',
  'Query.auditLog',
  'Query.plans',
  'Query.resellers',
  'Mutation.provisionTenant',
  'Mutation.changeTenantPlan',
  'Mutation.suspendTenant',
  'Mutation.resumeTenant',
  'Mutation.scheduleTenantDeletion',
  'Mutation.cancelTenantDeletion',
  'Mutation.purgeDueTenants',
  'Mutation.createReseller',
  'Mutation.createResellerApiKey',
  'Mutation.upsertPlan',
];
const RESELLER = () => contextFor({ kind: 'reseller', keyId: 'r', resellerId: '00000000-0000-7000-8000-000000000002' }, { reseller: true });
const ANONYMOUS = () => contextFor({ kind: 'anonymous' }, {});
const PLATFORM = () => contextFor({ kind: 'platform', keyId: 'p' }, { platform: true });
const memberKey = { type: 'api_key' as const, keyId: 'm', roleKey: 'service_agent', userId: null, readOnly: false };
const MEMBER_WITHOUT_PERSONAL = () =>
  contextFor({ kind: 'tenant', tenant: tenantRecord, credential: memberKey }, { read: () => true, write: () => true, personal: () => false });
const MEMBER = () => contextFor({ kind: 'tenant', tenant: tenantRecord, credential: memberKey }, { read: () => true, write: () => true, personal: () => true });
const ADMIN = () =>
  contextFor({ kind: 'tenant', tenant: tenantRecord, credential: { ...memberKey, keyId: 'a', roleKey: 'admin' } }, { tenantAdmin: true, read: () => true, write: () => true, personal: () => true });

async function allowed(typeName: string, fieldName: string, ctx: ReturnType<typeof contextFor>): Promise<boolean> {
  const rule = built.shield.ruleFor(typeName, fieldName) as unknown as Rule | undefined;
  if (!rule) throw new Error(`no rule for ${typeName}.${fieldName}`);
  const result = await rule.resolve(null, {}, ctx, {}, { debug: false, allowExternalErrors: true });
  return result === true;
}

describe('shield coverage', () => {
  test('every rule has a synchronous verdict that agrees with graphql-shield, so no field falls back to the slow path unnoticed', async () => {
    const withoutVerdict: string[] = [];
    const disagreements: string[] = [];
    for (const type of objectTypes(built.unguarded)) {
      for (const field of fieldsOf(type)) {
        const rule = built.shield.ruleFor(type.name, field.name)!;
        const check = verdictOf(rule);
        if (!check) {
          withoutVerdict.push(`${type.name}.${field.name}`);
          continue;
        }
        for (const [who, ctx] of [['anonymous', ANONYMOUS()], ['platform', PLATFORM()], ['member', MEMBER_WITHOUT_PERSONAL()], ['admin', ADMIN()]] as const) {
          if ((check(ctx as never) === true) !== (await allowed(type.name, field.name, ctx))) disagreements.push(`${type.name}.${field.name} for ${who}`);
        }
      }
    }
    expect(withoutVerdict).toEqual([]);
    expect(disagreements).toEqual([]);
  });

  test('no field of any object type is left without a declared rule', () => {
    expect(built.shield.unguardedFields).toEqual([]);
    for (const type of objectTypes(built.unguarded)) {
      for (const field of fieldsOf(type)) expect({ field: `${type.name}.${field.name}`, rule: !!built.shield.ruleFor(type.name, field.name) }).toEqual({ field: `${type.name}.${field.name}`, rule: true });
    }
  });

  test('every Query and Mutation field has a real guard (not the pass-through rule) and refuses anonymous callers, except signing in', async () => {
    const roots = [built.unguarded.getQueryType()!, built.unguarded.getMutationType()!];
    const letThrough: string[] = [];
    for (const root of roots) {
      for (const field of fieldsOf(root)) {
        expect(built.shield.ruleFor(root.name, field.name)).not.toBe(allow);
        if (await allowed(root.name, field.name, ANONYMOUS())) letThrough.push(`${root.name}.${field.name}`);
      }
    }
    expect(letThrough.sort()).toEqual(PUBLIC_FIELDS);
    for (const field of PUBLIC_FIELDS) expect(built.shield.ruleFor('Mutation', field.split('.')[1])).toBe(publicOperation);
  });

  test('the platform credential reaches control-plane fields only; CRM and workspace-key fields refuse it', async () => {
    const platformFields: string[] = [];
    for (const root of [built.unguarded.getQueryType()!, built.unguarded.getMutationType()!]) {
      for (const field of fieldsOf(root)) if (await allowed(root.name, field.name, PLATFORM())) platformFields.push(`${root.name}.${field.name}`);
    }
    expect(platformFields.sort()).toEqual([...CONTROL_PLANE_FIELDS, ...PUBLIC_FIELDS, 'Query.viewer'].sort());
  });

  test('a reseller credential reaches the operations on its tenants, never platform administration or CRM data', async () => {
    const resellerFields: string[] = [];
    for (const root of [built.unguarded.getQueryType()!, built.unguarded.getMutationType()!]) {
      for (const field of fieldsOf(root)) if (await allowed(root.name, field.name, RESELLER())) resellerFields.push(`${root.name}.${field.name}`);
    }
    const platformAdministration = ['Query.resellers', 'Mutation.createReseller', 'Mutation.createResellerApiKey', 'Mutation.upsertPlan', 'Mutation.purgeDueTenants'];
    expect(resellerFields.sort()).toEqual([...CONTROL_PLANE_FIELDS.filter((f) => !platformAdministration.includes(f)), ...PUBLIC_FIELDS, 'Query.viewer'].sort());
  });

  test('a workspace member cannot reach control-plane or key-management fields; an admin reaches key management only', async () => {
    const adminOnly = ['Query.apiKeys', 'Mutation.createApiKey', 'Mutation.revokeApiKey'];
    const platformOnly = CONTROL_PLANE_FIELDS;
    for (const name of [...adminOnly, ...platformOnly]) {
      const [type, field] = name.split('.');
      expect({ name, member: await allowed(type, field, MEMBER()) }).toEqual({ name, member: false });
    }
    for (const name of adminOnly) {
      const [type, field] = name.split('.');
      expect({ name, admin: await allowed(type, field, ADMIN()) }).toEqual({ name, admin: true });
    }
    for (const name of platformOnly) {
      const [type, field] = name.split('.');
      expect({ name, admin: await allowed(type, field, ADMIN()) }).toEqual({ name, admin: false });
    }
  });
});

describe('personal data', () => {
  test('personal fields are registered, exist in the schema and say so in their description', () => {
    const personal = allPersonalFields();
    expect(personal.length).toBeGreaterThan(0);
    expect(personal.map((p) => `${p.typeName}.${p.fieldName}`)).toEqual(expect.arrayContaining(['Contact.email', 'Contact.lastName', 'User.email', 'User.name']));
    for (const { typeName, fieldName, guardedBy } of personal) {
      const type = built.unguarded.getType(typeName);
      expect({ typeName, isObject: isObjectType(type) }).toEqual({ typeName, isObject: true });
      const field = (type as GraphQLObjectType).getFields()[fieldName];
      expect({ field: `${typeName}.${fieldName}`, exists: !!field }).toEqual({ field: `${typeName}.${fieldName}`, exists: true });
      expect(field.description).toContain('Personal data');
      expect(field.description).toContain(`personal permission on ${guardedBy}`);
    }
  });

  test('every personal field needs the personal permission on top of the type’s read rule', async () => {
    for (const { typeName, fieldName } of allPersonalFields()) {
      const name = `${typeName}.${fieldName}`;
      expect({ name, withoutPersonal: await allowed(typeName, fieldName, MEMBER_WITHOUT_PERSONAL()) }).toEqual({ name, withoutPersonal: false });
      expect({ name, withPersonal: await allowed(typeName, fieldName, MEMBER()) }).toEqual({ name, withPersonal: true });
      expect({ name, anonymous: await allowed(typeName, fieldName, ANONYMOUS()) }).toEqual({ name, anonymous: false });
      expect({ name, platform: await allowed(typeName, fieldName, PLATFORM()) }).toEqual({ name, platform: false });
    }
    // A non-personal field of the same type does not need it: the guard is per field.
    expect(await allowed('Contact', 'preferredChannel', MEMBER_WITHOUT_PERSONAL())).toBe(true);
    expect(canReadPersonal('Contact')).toBe(canReadPersonal('Contact'));
    expect(canRead('Contact')).not.toBe(canReadPersonal('Contact'));
  });

  /** Types describing a person, whose `name` is a person's name. */
  const isPersonLike = (type: GraphQLObjectType): boolean => ['Contact', 'User'].includes(type.name) || ('firstName' in type.getFields() && 'lastName' in type.getFields());

  /** Types whose values are contact details of someone, whatever the field is called. */
  const PERSONAL_TYPES = new Set(['EmailAddress', 'PhoneNumber', 'Address']);

  /** Field names (or types) that usually hold personal data. Boolean flags (doNotEmail) hold a preference, not the data itself. */
  function looksPersonal(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): boolean {
    const named: GraphQLNamedType = getNamedType(field.type);
    if (isScalarType(named) && named.name === 'Boolean') return false;
    if (PERSONAL_TYPES.has(named.name)) return true;
    const name = field.name;
    if (/e-?mail/i.test(name) || /phone|mobile|fax/i.test(name)) return true;
    if (/^(first|last|middle|given|family|full|display|maiden)Name$/i.test(name)) return true;
    if (/address/i.test(name) && !/ipAddress/i.test(name)) return true;
    if (/birth|dob\b|gender|nationality|passport|ssn|socialSecurity|taxId|iban|salary|religion|health/i.test(name)) return true;
    if (name === 'name' && isPersonLike(type)) return true;
    return false;
  }

  test('no field that looks personal is undeclared: each is personal or carries a NotPersonal reason', () => {
    const undecided: string[] = [];
    const contradictory: string[] = [];
    for (const type of objectTypes(built.unguarded)) {
      for (const field of fieldsOf(type)) {
        const declared = personalField(type.name, field.name);
        const exemption = personalExemption(type.name, field.name);
        if (declared && exemption) contradictory.push(`${type.name}.${field.name}`);
        if (exemption !== undefined) expect(exemption.trim().length).toBeGreaterThan(5);
        if (looksPersonal(type, field) && !declared && !exemption) undecided.push(`${type.name}.${field.name}`);
      }
    }
    expect(contradictory).toEqual([]);
    expect(undecided).toEqual([]);
  });

  test('the audit would notice an undeclared personal field', () => {
    const probe = new GraphQLObjectType({
      name: 'Probe',
      fields: {
        email: { type: built.unguarded.getType('String') as never },
        doNotEmail: { type: built.unguarded.getType('Boolean') as never },
        // Named innocently, typed personally.
        reachAt: { type: built.unguarded.getType('PhoneNumber') as never },
        where: { type: built.unguarded.getType('Address') as never },
        label: { type: built.unguarded.getType('String') as never },
      },
    });
    const flagged = fieldsOf(probe).filter((f) => looksPersonal(probe, f) && !personalField(probe.name, f.name) && !personalExemption(probe.name, f.name));
    expect(flagged.map((f) => f.name)).toEqual(['email', 'reachAt', 'where']);
  });
});

describe('schema.graphql', () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8');

  test('the committed file equals the schema built from the modules', () => {
    expect(committed).toBe(printApiSchema(built.unguarded));
  });

  test('it documents every personal field as personal data', () => {
    const fromFile = buildSchema(committed);
    for (const { typeName, fieldName } of allPersonalFields()) {
      const type = fromFile.getType(typeName) as GraphQLObjectType;
      expect(type.getFields()[fieldName].description).toMatch(/Personal data \([a-z ]+\): requires the personal permission on /);
    }
  });

  test('every object type and every output field has a description', () => {
    const missing: string[] = [];
    for (const type of objectTypes(built.unguarded)) {
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
      for (const field of fieldsOf(type)) if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
    expect(missing).toEqual([]);
  });

  test('no field a workspace credential can reach takes an argument that chooses the tenant', async () => {
    // (An API key's `role` is a role key of the caller's own workspace, not a database role.)
    const tenantish = /^(tenant|tenantId|tenantSlug|workspace|workspaceId|workspaceSlug|schema|schemaName|roleName)$/i;
    const platformOnly = new Set<string>();
    for (const root of [built.unguarded.getQueryType()!, built.unguarded.getMutationType()!]) {
      for (const field of fieldsOf(root)) if (!(await allowed(root.name, field.name, ADMIN()))) platformOnly.add(`${root.name}.${field.name}`);
    }
    expect([...platformOnly]).toEqual(expect.arrayContaining(CONTROL_PLANE_FIELDS));
    const found: string[] = [];
    const visitInput = (owner: string, typeName: string, seen: Set<string>) => {
      const type = built.unguarded.getType(typeName);
      if (!isInputObjectType(type) || seen.has(typeName)) return;
      seen.add(typeName);
      for (const field of Object.values(type.getFields())) {
        if (tenantish.test(field.name)) found.push(`${owner} → ${typeName}.${field.name}`);
        visitInput(owner, getNamedType(field.type).name, seen);
      }
    };
    for (const root of [built.unguarded.getQueryType()!, built.unguarded.getMutationType()!]) {
      for (const field of fieldsOf(root)) {
        const owner = `${root.name}.${field.name}`;
        // Signing in names the workspace to sign in to; from then on the credential fixes it.
        if (platformOnly.has(owner) || PUBLIC_FIELDS.includes(owner)) continue;
        for (const arg of field.args) {
          if (tenantish.test(arg.name)) found.push(`${owner}(${arg.name})`);
          visitInput(owner, getNamedType(arg.type).name, new Set());
        }
      }
    }
    expect(found).toEqual([]);
  });
});
