/**
 * Declarative tenant manifests (tenants/*.yaml): a workspace, its plan, settings, users, API keys
 * and optional seed data. Every file is read and checked before anything is written; each problem
 * is reported as `file:line: reason`, with the line of the offending YAML node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, LineCounter, Node, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { CurrencyScalar, EmailScalar } from '../graphql/scalars';
import { slugProblem } from '../platform/tenants';
import { BUILT_IN_ROLE_KEYS, BuiltInRoleKey, isBuiltInRole } from '../tenancy/role-model';

export interface ManifestUser {
  email: string;
  name: string;
  /** A built-in role key; users default to sales_rep, the initial admin is admin. */
  role: BuiltInRoleKey;
}

export interface ManifestApiKey {
  name: string;
  role: BuiltInRoleKey;
}

export interface TenantSettings {
  timeZone?: string;
  locale?: string;
  defaultCurrency?: string;
}

export interface SeedAccount {
  [field: string]: unknown;
  /** E-mail of one of the manifest's users. */
  owner?: string;
  contacts?: Record<string, unknown>[];
  opportunities?: SeedOpportunity[];
}

/** An opportunity of a seed account, optionally closed (won, or lost with its reason) after creation. */
export interface SeedOpportunity {
  [field: string]: unknown;
  /** E-mail of one of the manifest's users. */
  owner?: string;
  outcome?: 'WON' | 'LOST';
  lossReason?: string;
}

export type ManifestPath = readonly (string | number)[];

export interface TenantManifest {
  file: string;
  slug: string;
  name: string;
  /** Reseller code; omitted: no reseller at creation, left as it is on an existing workspace. */
  reseller?: string;
  /** Plan code; omitted: "starter" at creation, left as it is on an existing workspace. */
  plan?: string;
  /** Seats bought; omitted: enough for the users (at least 5 where the plan allows). */
  seats?: number;
  /** Given keys are set; keys not given are left as they are. */
  settings?: TenantSettings;
  /** The workspace's first user. */
  initialAdmin?: ManifestUser;
  users: ManifestUser[];
  apiKeys: ManifestApiKey[];
  /** Applied only when the workspace is created. */
  seed: { accounts: SeedAccount[] };
  /** The line (1-based) of the node at this path, or of its nearest ancestor that exists. */
  lineOf(at: ManifestPath): number;
}

export interface ManifestProblem {
  file: string;
  line?: number;
  message: string;
}

export const formatProblem = (p: ManifestProblem): string => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;

export function sortProblems(problems: ManifestProblem[]): ManifestProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** One or more manifests are invalid; the message lists every problem, one `file:line: reason` a line. */
export class ManifestError extends Error {
  readonly problems: ManifestProblem[];

  constructor(problems: ManifestProblem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join('\n'));
    this.problems = sorted;
  }
}

/** All users of a manifest, the initial admin first. */
export const manifestUsers = (m: TenantManifest): ManifestUser[] => (m.initialAdmin ? [m.initialAdmin, ...m.users] : m.users);

/** Reads and checks every manifest of a directory (or one file); throws a ManifestError listing all problems. */
export function readManifests(target: string): TenantManifest[] {
  const { manifests, problems } = loadManifests(target);
  if (problems.length) throw new ManifestError(problems);
  return manifests;
}

/** Reads every manifest of a directory (or one file): the valid ones and the problems of the others. */
export function loadManifests(target: string): { manifests: TenantManifest[]; problems: ManifestProblem[] } {
  let files: string[];
  try {
    files = fs.statSync(target).isDirectory()
      ? fs
          .readdirSync(target)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => path.join(target, f))
      : [target];
  } catch (error) {
    return { manifests: [], problems: [{ file: target, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message }] };
  }
  const manifests: TenantManifest[] = [];
  const problems: ManifestProblem[] = [];
  const slugs = new Map<string, string>();
  for (const file of files) {
    const read = readManifest(file);
    problems.push(...read.problems);
    if (!read.manifest) continue;
    const other = slugs.get(read.manifest.slug);
    if (other) {
      problems.push({ file, line: read.manifest.lineOf(['slug']), message: `slug "${read.manifest.slug}" is also used by ${other}` });
      continue;
    }
    slugs.set(read.manifest.slug, file);
    manifests.push(read.manifest);
  }
  return { manifests, problems };
}

const TOP_KEYS = ['slug', 'name', 'reseller', 'plan', 'seats', 'settings', 'initialAdmin', 'users', 'apiKeys', 'seed'] as const;
const USER_KEYS = ['email', 'name', 'role'] as const;
const KEY_KEYS = ['name', 'role'] as const;
const SETTINGS_KEYS = ['timeZone', 'locale', 'defaultCurrency'] as const;
const SEED_KEYS = ['accounts'] as const;
/** Set by the apply itself: a seed names its owner by e-mail and nests contacts and opportunities under their account. */
const SEED_RESERVED: Record<string, string> = {
  ownerId: 'use "owner" with the e-mail of one of the manifest\'s users',
  idempotencyKey: 'not used in seed data',
  accountId: 'list contacts and opportunities under their account\'s "contacts" and "opportunities"',
};
const NAME_MAX = 200;

type Entries<K extends string> = Partial<Record<K, Node | null>>;

/** Walks one parsed file, collecting problems with the line of each offending node. */
class FileReader {
  readonly problems: ManifestProblem[] = [];

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  line(node: Node | null | undefined, fallback = 1): number {
    return node?.range ? this.lineAt(node.range[0]) : fallback;
  }

  problem(node: Node | null | undefined, message: string, fallbackLine?: number): void {
    this.problems.push({ file: this.file, line: this.line(node, fallbackLine), message });
  }

  deref(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  }

  /** The node at a path, or its nearest ancestor that exists. */
  nodeAt(at: ManifestPath): Node | null {
    let node = this.deref(this.doc.contents);
    for (const step of at) {
      let next: Node | null = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === step);
        next = pair ? (this.deref(pair.value) ?? (pair.key as Node)) : null;
      } else if (isSeq(node) && typeof step === 'number') {
        next = this.deref(node.items[step]);
      }
      if (!next) break;
      node = next;
    }
    return node;
  }

  /** A mapping with only the given keys: its values by key, or null when it is not a mapping. */
  map<K extends string>(node: Node | null, where: string, keys: readonly K[]): Entries<K> | null {
    if (!isMap(node)) {
      this.problem(node, `${where} must be a mapping`);
      return null;
    }
    const entries: Entries<K> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' || !(keys as readonly string[]).includes(key)) {
        this.problem(pair.key as Node, `unknown key ${JSON.stringify(key ?? String(pair.key))}${where === 'the manifest' ? '' : ` in ${where}`} (expected one of: ${keys.join(', ')})`);
        continue;
      }
      entries[key as K] = this.deref(pair.value);
    }
    return entries;
  }

  /** A mapping with any keys (seed records): its values by key. */
  openMap(node: Node | null, where: string): Map<string, Node | null> | null {
    if (!isMap(node)) {
      this.problem(node, `${where} must be a mapping`);
      return null;
    }
    const entries = new Map<string, Node | null>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string') this.problem(pair.key as Node, `${where}: keys must be text`);
      else entries.set(key, this.deref(pair.value));
    }
    return entries;
  }

  seq(node: Node | null, where: string): Node[] | null {
    if (!isSeq(node)) {
      this.problem(node, `${where} must be a list`);
      return null;
    }
    return node.items.map((item) => this.deref(item) as Node);
  }

  text(node: Node | null | undefined, where: string, options: { required?: boolean; max?: number; parentLine?: number } = {}): string | undefined {
    if (!this.given(node)) {
      if (options.required) this.problem(node, `"${where}" is required`, options.parentLine);
      return undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.problem(node, `"${where}" must be text`);
      return undefined;
    }
    const value = node.value.trim();
    if (!value) {
      this.problem(node, `"${where}" must not be empty`);
      return undefined;
    }
    if (options.max && value.length > options.max) {
      this.problem(node, `"${where}" must be at most ${options.max} characters`);
      return undefined;
    }
    return value;
  }

  email(node: Node | null | undefined, where: string, parentLine: number): string | undefined {
    const value = this.text(node, where, { required: true, parentLine, max: 320 });
    if (value === undefined) return undefined;
    try {
      return EmailScalar.parseValue(value) as string;
    } catch {
      this.problem(node, `"${where}": "${value}" is not a valid e-mail address`);
      return undefined;
    }
  }

  /** Absent or null counts as not given. */
  given(node: Node | null | undefined): node is Node {
    return node !== undefined && node !== null && !(isScalar(node) && node.value === null);
  }

  toJS(node: Node): unknown {
    return node.toJS(this.doc);
  }
}

function readManifest(file: string): { manifest?: TenantManifest; problems: ManifestProblem[] } {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, message: `cannot be read: ${(error as Error).message}` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new FileReader(file, doc, lines);
  if (doc.errors.length) {
    // Errors found at the end of the input point at the last line that has content.
    const lastLine = Math.max(1, source.trimEnd().split('\n').length);
    for (const error of doc.errors) r.problems.push({ file, line: Math.min(r.lineAt(error.pos[0]), lastLine), message: `not valid YAML: ${error.message}` });
    return { problems: r.problems };
  }
  const root = r.deref(doc.contents);
  if (!r.given(root)) return { problems: [{ file, line: 1, message: 'the manifest is empty (expected at least slug and name)' }] };
  const top = r.map(root, 'the manifest', TOP_KEYS);
  if (!top) return { problems: r.problems };
  const rootLine = r.line(root);

  const slug = r.text(top.slug, 'slug', { required: true, parentLine: rootLine });
  if (slug !== undefined) {
    const problem = slugProblem(slug);
    if (problem) r.problem(top.slug, `"slug": ${problem}`);
  }
  const name = r.text(top.name, 'name', { required: true, parentLine: rootLine, max: NAME_MAX });
  const reseller = r.given(top.reseller) ? r.text(top.reseller, 'reseller') : undefined;
  const plan = r.given(top.plan) ? r.text(top.plan, 'plan') : undefined;

  let seats: number | undefined;
  if (r.given(top.seats)) {
    const value = isScalar(top.seats) ? top.seats.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) r.problem(top.seats, '"seats" must be a whole number of at least 1');
    else seats = value;
  }

  const settings = r.given(top.settings) ? readSettings(r, top.settings) : undefined;

  const emails = new Map<string, number>();
  const readRole = (node: Node | null | undefined, where: string, fallback: BuiltInRoleKey | undefined, parentLine: number): BuiltInRoleKey | undefined => {
    const role = r.text(node ?? null, where, { required: !fallback, parentLine }) ?? fallback;
    if (role === undefined || isBuiltInRole(role)) return role;
    r.problem(node ?? null, `"${where}" must be a built-in role (${BUILT_IN_ROLE_KEYS.join(', ')}), not "${role}"`);
    return undefined;
  };
  const readUser = (node: Node | null, where: string, defaultRole: BuiltInRoleKey): ManifestUser | undefined => {
    const fields = r.map(node, where, USER_KEYS);
    if (!fields) return undefined;
    const role = readRole(fields.role, `${where}.role`, defaultRole, r.line(node));
    const email = r.email(fields.email, `${where}.email`, r.line(node));
    const userName = r.text(fields.name, `${where}.name`, { required: true, parentLine: r.line(node), max: NAME_MAX });
    if (email !== undefined) {
      const first = emails.get(email.toLowerCase());
      if (first !== undefined) r.problem(fields.email, `"${where}.email": ${email} is listed twice (first on line ${first})`);
      else emails.set(email.toLowerCase(), r.line(fields.email));
    }
    return email !== undefined && userName !== undefined && role !== undefined ? { email, name: userName, role } : undefined;
  };
  const initialAdmin = r.given(top.initialAdmin) ? readUser(top.initialAdmin, 'initialAdmin', 'admin') : undefined;
  const users: ManifestUser[] = [];
  if (r.given(top.users)) {
    (r.seq(top.users, '"users"') ?? []).forEach((node, i) => {
      const user = readUser(node, `users[${i}]`, 'sales_rep');
      if (user) users.push(user);
    });
  }

  const apiKeys: ManifestApiKey[] = [];
  if (r.given(top.apiKeys)) {
    const keyNames = new Map<string, number>();
    (r.seq(top.apiKeys, '"apiKeys"') ?? []).forEach((node, i) => {
      const where = `apiKeys[${i}]`;
      const fields = r.map(node, where, KEY_KEYS);
      if (!fields) return;
      const keyName = r.text(fields.name, `${where}.name`, { required: true, parentLine: r.line(node), max: NAME_MAX });
      const role = readRole(fields.role, `${where}.role`, undefined, r.line(node));
      if (keyName !== undefined) {
        const first = keyNames.get(keyName);
        if (first !== undefined) r.problem(fields.name, `"${where}.name": the key name "${keyName}" is used twice (first on line ${first})`);
        else keyNames.set(keyName, r.line(fields.name));
      }
      if (keyName !== undefined && role !== undefined) apiKeys.push({ name: keyName, role });
    });
  }

  const userCount = emails.size;
  if (seats !== undefined && seats < userCount) r.problem(top.seats, `"seats": ${seats} seats are fewer than the ${userCount} users listed`);

  const seed = r.given(top.seed) ? readSeed(r, top.seed, emails) : { accounts: [] };

  if (r.problems.length || slug === undefined || name === undefined) return { problems: r.problems };
  return {
    manifest: { file, slug, name, reseller, plan, seats, settings, initialAdmin, users, apiKeys, seed, lineOf: (at) => r.line(r.nodeAt(at), rootLine) },
    problems: [],
  };
}

function readSettings(r: FileReader, node: Node): TenantSettings | undefined {
  const fields = r.map(node, '"settings"', SETTINGS_KEYS);
  if (!fields) return undefined;
  const settings: TenantSettings = {};
  const timeZone = r.given(fields.timeZone) ? r.text(fields.timeZone, 'settings.timeZone') : undefined;
  if (timeZone !== undefined) {
    if (isTimeZone(timeZone)) settings.timeZone = timeZone;
    else r.problem(fields.timeZone, `"settings.timeZone": "${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, UTC)`);
  }
  const locale = r.given(fields.locale) ? r.text(fields.locale, 'settings.locale') : undefined;
  if (locale !== undefined) {
    if (isLocale(locale)) settings.locale = locale;
    else r.problem(fields.locale, `"settings.locale": "${locale}" is not a BCP 47 language tag (e.g. en-GB, de-DE)`);
  }
  const currency = r.given(fields.defaultCurrency) ? r.text(fields.defaultCurrency, 'settings.defaultCurrency') : undefined;
  if (currency !== undefined) {
    if (isCurrency(currency)) settings.defaultCurrency = currency;
    else r.problem(fields.defaultCurrency, `"settings.defaultCurrency": "${currency}" is not an ISO 4217 currency code (three capital letters, e.g. EUR)`);
  }
  return settings;
}

/** An IANA zone name as Intl knows it; UTC offsets such as "+01:00" are not zones. */
function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z]/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A well-formed language tag written in its canonical form ("en-GB", not "en_gb"). */
function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value)[0] === value;
  } catch {
    return false;
  }
}

function isCurrency(value: string): boolean {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  try {
    CurrencyScalar.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

/** True when a seed record's owner is absent or one of the manifest's users (reported otherwise). */
function seedOwnerIsKnown(r: FileReader, owner: Node | null | undefined, where: string, emails: Map<string, number>): boolean {
  if (owner === undefined) return true;
  const email = r.text(owner, where);
  if (email === undefined) return false;
  if (emails.has(email.toLowerCase())) return true;
  r.problem(owner, `"${where}": ${email} is not one of the manifest's users (initialAdmin or users)`);
  return false;
}

/** The seed's shape; the fields of accounts and contacts are checked against the API's input types when applied. */
function readSeed(r: FileReader, node: Node, emails: Map<string, number>): TenantManifest['seed'] {
  const fields = r.map(node, '"seed"', SEED_KEYS);
  if (!fields || !r.given(fields.accounts)) return { accounts: [] };
  const accounts: SeedAccount[] = [];
  (r.seq(fields.accounts, '"seed.accounts"') ?? []).forEach((accountNode, i) => {
    const where = `seed.accounts[${i}]`;
    const entries = r.openMap(accountNode, `"${where}"`);
    if (!entries) return;
    let ok = true;
    for (const [key, value] of entries) {
      if (SEED_RESERVED[key]) {
        r.problem(value, `"${where}.${key}": ${SEED_RESERVED[key]}`);
        ok = false;
      }
    }
    if (!seedOwnerIsKnown(r, entries.get('owner'), `${where}.owner`, emails)) ok = false;
    for (const nested of ['contacts', 'opportunities'] as const) {
      const listNode = entries.get(nested);
      if (listNode === undefined) continue;
      const list = r.seq(listNode, `"${where}.${nested}"`);
      if (!list) ok = false;
      list?.forEach((itemNode, j) => {
        const at = `${where}.${nested}[${j}]`;
        const item = r.openMap(itemNode, `"${at}"`);
        if (!item) ok = false;
        for (const [key, value] of item ?? []) {
          if (SEED_RESERVED[key]) {
            r.problem(value, `"${at}.${key}": ${SEED_RESERVED[key]}`);
            ok = false;
          }
        }
        if (nested === 'opportunities' && item) {
          if (!seedOwnerIsKnown(r, item.get('owner'), `${at}.owner`, emails)) ok = false;
          const outcome = item.get('outcome');
          if (outcome !== undefined && !(outcome && ['WON', 'LOST'].includes(String(r.toJS(outcome))))) {
            r.problem(outcome, `"${at}.outcome": WON or LOST (omit it for an open opportunity)`);
            ok = false;
          }
        }
      });
    }
    if (ok) accounts.push(r.toJS(accountNode) as SeedAccount);
  });
  return { accounts };
}
