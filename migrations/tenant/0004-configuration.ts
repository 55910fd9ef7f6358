import { MigrationInterface, QueryRunner } from 'typeorm';
import { uuidv7 } from '../../src/db/uuid';

/** Seeded picklists: key, label, description and values (value stored on records, label shown). */
const PICKLISTS: { key: string; label: string; description: string; values: [string, string?][] }[] = [
  {
    key: 'industry',
    label: 'Industry',
    description: 'Industry of an account (Account.industry).',
    values: [
      ['Agriculture'],
      ['Automotive'],
      ['Banking'],
      ['Chemicals'],
      ['Construction'],
      ['Consulting'],
      ['Education'],
      ['Energy'],
      ['Engineering'],
      ['Financial Services'],
      ['Food', 'Food & Beverage'],
      ['Government'],
      ['Healthcare'],
      ['Hospitality'],
      ['Insurance'],
      ['Logistics'],
      ['Manufacturing'],
      ['Media'],
      ['Non-Profit'],
      ['Pharma', 'Pharmaceuticals'],
      ['Real Estate'],
      ['Retail'],
      ['Software'],
      ['Telecommunications'],
      ['Other'],
    ],
  },
  {
    key: 'lead_source',
    label: 'Lead source',
    description: 'Where a lead or opportunity came from.',
    values: [['Web'], ['Referral'], ['Partner'], ['Event'], ['Trade Show'], ['Cold Call'], ['Email Campaign'], ['Advertising'], ['Social Media'], ['Other']],
  },
  {
    key: 'loss_reason',
    label: 'Loss reason',
    description: 'Why an opportunity was lost.',
    values: [['Price'], ['Competitor'], ['No Budget'], ['No Decision'], ['Timing'], ['Missing Feature'], ['Went Silent'], ['Other']],
  },
];

/** Default pipeline: name, probability, forecast category, won, lost. */
const STAGES: [string, number, string, boolean, boolean][] = [
  ['Prospecting', 10, 'PIPELINE', false, false],
  ['Qualification', 20, 'PIPELINE', false, false],
  ['Proposal', 50, 'BEST_CASE', false, false],
  ['Negotiation', 80, 'COMMIT', false, false],
  ['Closed Won', 100, 'CLOSED', true, false],
  ['Closed Lost', 0, 'OMITTED', false, true],
];

/**
 * Workspace administration: settings, picklists, the opportunity pipeline, teams and territories
 * (with business hours and holidays). Seeds defaults; existing accounts' free-text industries join
 * the industry picklist so that every stored value stays valid.
 */
export class Configuration0004 implements MigrationInterface {
  name = '0004-configuration';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workspace_settings (
        id                      boolean PRIMARY KEY DEFAULT true CHECK (id),
        time_zone               text NOT NULL DEFAULT 'UTC',
        locale                  text NOT NULL DEFAULT 'en-US',
        default_currency        char(3) NOT NULL DEFAULT 'EUR',
        fiscal_year_start_month integer NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        version                 integer NOT NULL DEFAULT 1,
        updated_at              timestamptz(3) NOT NULL DEFAULT now()
      );
      INSERT INTO workspace_settings DEFAULT VALUES;

      CREATE TABLE picklists (
        id          uuid PRIMARY KEY,
        key         text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
        label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        description text,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE picklist_values (
        id          uuid PRIMARY KEY,
        picklist_id uuid NOT NULL REFERENCES picklists (id) ON DELETE CASCADE,
        value       text NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
        label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 255),
        position    integer NOT NULL CHECK (position >= 1),
        active      boolean NOT NULL DEFAULT true,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        -- Positions are renumbered in one statement: checked at commit.
        CONSTRAINT picklist_values_position_key UNIQUE (picklist_id, position) DEFERRABLE INITIALLY DEFERRED
      );
      CREATE UNIQUE INDEX picklist_values_value_key ON picklist_values (picklist_id, lower(value));

      CREATE TABLE pipeline_stages (
        id                uuid PRIMARY KEY,
        name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        position          integer NOT NULL CHECK (position >= 1),
        probability       integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
        forecast_category text NOT NULL CHECK (forecast_category IN ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED')),
        is_won            boolean NOT NULL DEFAULT false,
        is_lost           boolean NOT NULL DEFAULT false,
        version           integer NOT NULL DEFAULT 1,
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        updated_at        timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (NOT (is_won AND is_lost)),
        CONSTRAINT pipeline_stages_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED
      );
      CREATE UNIQUE INDEX pipeline_stages_name_key ON pipeline_stages (lower(name));

      CREATE TABLE teams (
        id          uuid PRIMARY KEY,
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description text CHECK (length(description) <= 1000),
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));
      CREATE INDEX teams_order_idx ON teams (name, id);

      CREATE TABLE team_members (
        team_id  uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id  uuid NOT NULL REFERENCES users (id),
        added_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      );
      CREATE INDEX team_members_user_idx ON team_members (user_id);

      CREATE TABLE territories (
        id          uuid PRIMARY KEY,
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description text CHECK (length(description) <= 1000),
        parent_id   uuid REFERENCES territories (id),
        time_zone   text NOT NULL,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (parent_id IS DISTINCT FROM id)
      );
      CREATE UNIQUE INDEX territories_name_key ON territories (lower(name));
      CREATE INDEX territories_order_idx ON territories (name, id);
      CREATE INDEX territories_parent_idx ON territories (parent_id, name, id);

      -- Business hours per ISO weekday (1 = Monday … 7 = Sunday); a weekday without a row is closed.
      CREATE TABLE territory_business_hours (
        territory_id uuid NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
        weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        opens_at     time(0) NOT NULL,
        closes_at    time(0) NOT NULL,
        PRIMARY KEY (territory_id, weekday),
        -- time allows 24:00:00, the end of the day.
        CHECK (closes_at > opens_at)
      );

      CREATE TABLE territory_holidays (
        territory_id uuid NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
        date         date NOT NULL,
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        PRIMARY KEY (territory_id, date)
      );
    `);

    for (const [position, [name, probability, category, won, lost]] of STAGES.entries()) {
      await db.query(
        `INSERT INTO pipeline_stages (id, name, position, probability, forecast_category, is_won, is_lost) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [uuidv7(), name, position + 1, probability, category, won, lost],
      );
    }

    for (const picklist of PICKLISTS) {
      const picklistId = uuidv7();
      await db.query('INSERT INTO picklists (id, key, label, description) VALUES ($1, $2, $3, $4)', [picklistId, picklist.key, picklist.label, picklist.description]);
      const values = picklist.values.map(([value, label]) => ({ value, label: label ?? value }));
      if (picklist.key === 'industry') values.push(...(await legacyIndustries(db, values.map((v) => v.value))));
      await db.query(
        `INSERT INTO picklist_values (id, picklist_id, value, label, position)
         SELECT v.id, $1, v.value, v.value_label, v.position::int
           FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS v(id, value, value_label, position)`,
        [picklistId, values.map(() => uuidv7()), values.map((v) => v.value), values.map((v) => v.label)],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE territory_holidays; DROP TABLE territory_business_hours; DROP TABLE territories;
      DROP TABLE team_members; DROP TABLE teams;
      DROP TABLE pipeline_stages;
      DROP TABLE picklist_values; DROP TABLE picklists;
      DROP TABLE workspace_settings;
    `);
  }
}

/**
 * Industries typed into accounts before the picklist existed: blank ones become "no industry",
 * spellings differing only in case take the seeded (or first) spelling, and the rest are added
 * to the picklist so that no stored value becomes invalid.
 */
async function legacyIndustries(db: QueryRunner, seeded: string[]): Promise<{ value: string; label: string }[]> {
  await db.query(`UPDATE accounts SET industry = NULL, version = version + 1, updated_at = now() WHERE industry IS NOT NULL AND btrim(industry) = ''`);
  const rows: { spelling: string }[] = await db.query(
    `SELECT min(industry) AS spelling FROM accounts WHERE industry IS NOT NULL GROUP BY lower(industry) ORDER BY 1`,
  );
  const canonical = new Map(seeded.map((v) => [v.toLowerCase(), v]));
  const added: { value: string; label: string }[] = [];
  for (const { spelling } of rows) {
    if (!canonical.has(spelling.toLowerCase())) {
      canonical.set(spelling.toLowerCase(), spelling);
      added.push({ value: spelling, label: spelling.slice(0, 255) });
    }
  }
  const lower = [...canonical.keys()];
  await db.query(
    `UPDATE accounts a SET industry = c.spelling, version = a.version + 1, updated_at = now()
       FROM unnest($1::text[], $2::text[]) AS c(lowered, spelling)
      WHERE lower(a.industry) = c.lowered AND a.industry <> c.spelling`,
    [lower, lower.map((l) => canonical.get(l)!)],
  );
  return added;
}
