import { ManifestError, readManifests } from '../../src/manifests/manifest';
import { Harness, startHarness, uniqueSlug } from '../support/harness';
import { apply, manifestDir, problemsOf, workspaceState } from './manifest-helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

test('every problem of every file is reported as file:line: reason', async () => {
  const [a, b, c, d] = [uniqueSlug('bad'), uniqueSlug('bad'), uniqueSlug('bad'), uniqueSlug('bad')];
  const dir = manifestDir({
    'a-structure.yaml': [
      `slug: ${a}`, //                                        1
      'name: Structure problems', //                          2
      'seat: 5', //                                           3 unknown key
      'seats: five', //                                       4 wrong type
      'users:', //                                            5
      '  - email: not-an-address', //                         6 bad e-mail
      '    name: Nobody', //                                  7
      '  - email: sam@example.com', //                        8
      '    name: Sam', //                                     9
      '  - email: SAM@example.com', //                        10 duplicate e-mail
      '    name: Sam again', //                               11
      'apiKeys:', //                                          12
      '  - name: Ops', //                                     13
      '    role: owner', //                                   14 bad role
      'settings:', //                                         15
      '  timeZone: Mars/Olympus', //                          16 bad zone
      '  defaultCurrency: euro', //                           17 bad currency
      '  locale: en_GB', //                                   18 bad locale
    ].join('\n'),
    'b-slug.yaml': 'slug: Not_A_Slug\nname: Bad slug\n',
    'c-missing.yaml': '# no name\nslug: ' + b + '\nusers: sam@example.com\n',
    'd-yaml.yaml': `slug: ${c}\nname: [unclosed\n`,
    'e-dup.yaml': `slug: ${d}\nname: First\n`,
    'f-dup.yaml': `# same slug again\nslug: ${d}\nname: Second\n`,
    'g-seats.yaml': [`slug: ${uniqueSlug('bad')}`, 'name: Too few seats', 'seats: 1', 'initialAdmin: { email: ada@example.com, name: Ada }', 'users: [{ email: bo@example.com, name: Bo }]'].join('\n'),
    'h-seed.yaml': [
      `slug: ${uniqueSlug('bad')}`, //                         1
      'name: Seed problems', //                               2
      'seed:', //                                             3
      '  accounts:', //                                       4
      '    - name: Globex', //                                5
      '      owner: stranger@example.com', //                 6 owner not a user
      '    - name: Initech', //                               7
      '      ownerId: VXNlcjox', //                           8 reserved field
      '      contacts: nobody', //                            9 not a list
      '      opportunities:', //                              10
      '        - name: Deal', //                              11
      '          owner: stranger@example.com', //             12 owner not a user
      '          outcome: MAYBE', //                          13 not WON or LOST
      '          accountId: QWNjb3VudDox', //                 14 reserved field
    ].join('\n'),
  });
  const problems = await problemsOf(harness.dataSource, dir);
  expect(problems).toEqual([
    `${dir}/a-structure.yaml:3: unknown key "seat" (expected one of: slug, name, reseller, plan, seats, settings, initialAdmin, users, apiKeys, seed)`,
    `${dir}/a-structure.yaml:4: "seats" must be a whole number of at least 1`,
    `${dir}/a-structure.yaml:6: "users[0].email": "not-an-address" is not a valid e-mail address`,
    `${dir}/a-structure.yaml:10: "users[2].email": SAM@example.com is listed twice (first on line 8)`,
    `${dir}/a-structure.yaml:14: "apiKeys[0].role" must be a built-in role (admin, sales_manager, sales_rep, service_agent, dispatcher, technician, analyst, read_only), not "owner"`,
    `${dir}/a-structure.yaml:16: "settings.timeZone": "Mars/Olympus" is not an IANA time zone (e.g. Europe/Berlin, UTC)`,
    `${dir}/a-structure.yaml:17: "settings.defaultCurrency": "euro" is not an ISO 4217 currency code (three capital letters, e.g. EUR)`,
    `${dir}/a-structure.yaml:18: "settings.locale": "en_GB" is not a BCP 47 language tag (e.g. en-GB, de-DE)`,
    `${dir}/b-slug.yaml:1: "slug": Slug must be 3–40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`,
    `${dir}/c-missing.yaml:2: "name" is required`,
    `${dir}/c-missing.yaml:3: "users" must be a list`,
    `${dir}/d-yaml.yaml:2: not valid YAML: ${problems.find((p) => p.includes('d-yaml'))!.split('not valid YAML: ')[1]}`,
    `${dir}/f-dup.yaml:2: slug "${d}" is also used by ${dir}/e-dup.yaml`,
    `${dir}/g-seats.yaml:3: "seats": 1 seats are fewer than the 2 users listed`,
    `${dir}/h-seed.yaml:6: "seed.accounts[0].owner": stranger@example.com is not one of the manifest's users (initialAdmin or users)`,
    `${dir}/h-seed.yaml:8: "seed.accounts[1].ownerId": use "owner" with the e-mail of one of the manifest's users`,
    `${dir}/h-seed.yaml:9: "seed.accounts[1].contacts" must be a list`,
    `${dir}/h-seed.yaml:12: "seed.accounts[1].opportunities[0].owner": stranger@example.com is not one of the manifest's users (initialAdmin or users)`,
    `${dir}/h-seed.yaml:13: "seed.accounts[1].opportunities[0].outcome": WON or LOST (omit it for an open opportunity)`,
    `${dir}/h-seed.yaml:14: "seed.accounts[1].opportunities[0].accountId": list contacts and opportunities under their account's "contacts" and "opportunities"`,
  ]);
  expect(() => readManifests(dir)).toThrow(ManifestError);
  expect(() => readManifests(dir)).toThrow(problems.join('\n'));
});

test('problems that need the database are found before anything is written, valid files included', async () => {
  const valid = uniqueSlug('ok');
  const [plan, reseller, seats, seed] = [uniqueSlug('bad'), uniqueSlug('bad'), uniqueSlug('bad'), uniqueSlug('bad')];
  const dir = manifestDir({
    'a-valid.yaml': `slug: ${valid}\nname: Valid\ninitialAdmin: { email: ada@example.com, name: Ada }\n`,
    'b-plan.yaml': `slug: ${plan}\nname: Unknown plan\nplan: platinum\n`,
    'c-reseller.yaml': `slug: ${reseller}\nname: Unknown reseller\n\nreseller: nobody-sells-this\n`,
    'd-seats.yaml': `slug: ${seats}\nname: Too many seats\nplan: starter\nseats: 6\n`,
    'e-seed.yaml': [
      `slug: ${seed}`,
      'name: Bad seed values',
      'seed:',
      '  accounts:',
      '    - name: Globex',
      '      employeeCount: many',
      '      colour: blue',
      '      contacts:',
      '        - firstName: Hedy',
      '          email: not-an-address',
    ].join('\n'),
  });
  const problems = await problemsOf(harness.dataSource, dir);
  expect(problems).toEqual([
    // Other test files may add plans to the shared database.
    expect.stringMatching(new RegExp(`^${dir}/b-plan.yaml:3: "plan": unknown plan "platinum" \\(known: .*\\bstarter\\b`)),
    `${dir}/c-reseller.yaml:4: "reseller": unknown reseller "nobody-sells-this"`,
    `${dir}/d-seats.yaml:4: "seats": 6 seats exceed the 5 the plan "starter" allows`,
    expect.stringMatching(new RegExp(`^${dir}/e-seed.yaml:6: "seed.accounts\\[0\\].employeeCount": Int cannot represent non-integer value: "many"`)),
    expect.stringMatching(new RegExp(`^${dir}/e-seed.yaml:7: "seed.accounts\\[0\\].colour": Field "colour" is not defined by type "CreateAccountInput"`)),
    expect.stringMatching(new RegExp(`^${dir}/e-seed.yaml:9: "seed.accounts\\[0\\].contacts\\[0\\].lastName": Field "lastName" of required type "String!" was not provided`)),
    expect.stringMatching(new RegExp(`^${dir}/e-seed.yaml:10: "seed.accounts\\[0\\].contacts\\[0\\].email": .*`)),
  ]);
  await expect(apply(harness.dataSource, dir)).rejects.toThrow(ManifestError);
  for (const slug of [valid, plan, reseller, seats, seed]) expect(await workspaceState(harness.dataSource, slug)).toBeNull();
});

test('an empty file and a file that is not a mapping are problems too', async () => {
  const dir = manifestDir({ 'empty.yaml': '# nothing here\n', 'list.yaml': '- slug: x\n' });
  expect(await problemsOf(harness.dataSource, dir)).toEqual([
    `${dir}/empty.yaml:1: the manifest is empty (expected at least slug and name)`,
    `${dir}/list.yaml:1: the manifest must be a mapping`,
  ]);
});
