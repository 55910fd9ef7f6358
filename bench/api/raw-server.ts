/**
 * The raw-SQL baseline, as a child process of `npm run bench`: a plain node:http handler with a pg
 * pool (same size as the application's) that answers each workload with ONE parameterised
 * statement building the very JSON the GraphQL API returns (json_build_object / json_agg, LATERAL
 * for nesting, the application's global IDs computed in SQL). No GraphQL, no transaction block,
 * no per-request authentication query (the bearer token is compared in memory), table names
 * qualified with the tenant's schema: the floor for "the same answer from the same database".
 *
 * POST /raw/<workload> with the workload's variables as the JSON body (see workloads.ts).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import pg from 'pg';
import { countStatements, required, serve } from './child';

const gid = (type: string, column: string) => `translate(rtrim(encode(convert_to('${type}:' || ${column}::text, 'UTF8'), 'base64'), '='), '+/', '-_')`;

/** The statement of each workload and how its parameters come from the request's variables. */
function rawStatements(schema: string): Record<string, { sql: string; params: (vars: Record<string, unknown>) => unknown[] }> {
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error(`Unexpected schema name ${schema}`);
  const s = `"${schema}"`;
  const data = (field: string, value: string) => `json_build_object('data', json_build_object('${field}', ${value}))::text AS body`;
  const accountFields = `json_build_object('id', ${gid('Account', 'a.id')}, 'name', a.name, 'domain', a.domain, 'industry', a.industry, 'type', a.type, 'employeeCount', a.employee_count)`;
  return {
    flat: {
      sql: `SELECT ${data('accounts', `json_build_object('nodes', coalesce(json_agg(${accountFields} ORDER BY a.name, a.id), '[]'))`)}
              FROM (SELECT * FROM ${s}.accounts WHERE deleted_at IS NULL ORDER BY name, id LIMIT $1) a`,
      params: (vars) => [vars.first],
    },
    nested: {
      sql: `SELECT ${data(
        'accounts',
        `json_build_object('nodes', coalesce(json_agg(json_build_object('id', ${gid('Account', 'a.id')}, 'name', a.name,
           'contacts', json_build_object('nodes', c.nodes)) ORDER BY a.name, a.id), '[]'))`,
      )}
              FROM (SELECT id, name FROM ${s}.accounts WHERE deleted_at IS NULL ORDER BY name, id LIMIT $1) a
              CROSS JOIN LATERAL (
                SELECT coalesce(json_agg(json_build_object('id', ${gid('Contact', 'c.id')}, 'firstName', c.first_name, 'lastName', c.last_name,
                         'email', c.email, 'account', ca.account) ORDER BY c.last_name, c.first_name, c.id), '[]') AS nodes
                  FROM (SELECT id, first_name, last_name, email, account_id FROM ${s}.contacts
                         WHERE account_id = a.id AND deleted_at IS NULL ORDER BY last_name, first_name, id LIMIT $2) c
                  LEFT JOIN LATERAL (SELECT json_build_object('id', ${gid('Account', 'p.id')}, 'name', p.name) AS account
                                       FROM ${s}.accounts p WHERE p.id = c.account_id AND p.deleted_at IS NULL) ca ON true
              ) c`,
      params: (vars) => [vars.first, vars.contacts],
    },
    node: {
      sql: `SELECT ${data(
        'node',
        `(SELECT json_build_object('__typename', 'Account', 'id', ${gid('Account', 'a.id')}, 'name', a.name, 'domain', a.domain, 'industry', a.industry)
            FROM ${s}.accounts a WHERE a.id = $1 AND a.deleted_at IS NULL)`,
      )}`,
      params: (vars) => [uuidOfGlobalId(String(vars.id))],
    },
    createAccount: {
      sql: `INSERT INTO ${s}.accounts AS a (id, name, industry, type, lifecycle_stage, owner_id) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING ${data('createAccount', `json_build_object('account', json_build_object('id', ${gid('Account', 'a.id')}, 'name', a.name, 'version', a.version), 'userErrors', '[]'::json)`)}`,
      params: (vars) => [vars.id, vars.name, vars.industry, vars.type, vars.lifecycleStage, vars.ownerId],
    },
    updateAccount: {
      sql: `UPDATE ${s}.accounts AS a SET industry = $2, employee_count = $3, version = version + 1, updated_at = now() WHERE id = $1 AND deleted_at IS NULL
            RETURNING ${data('updateAccount', `json_build_object('account', json_build_object('id', ${gid('Account', 'a.id')}, 'name', a.name, 'version', a.version), 'userErrors', '[]'::json)`)}`,
      params: (vars) => [vars.id, vars.industry, vars.employeeCount],
    },
    createContact: {
      sql: `INSERT INTO ${s}.contacts AS c (id, account_id, first_name, last_name, email, owner_id) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING ${data('createContact', `json_build_object('contact', json_build_object('id', ${gid('Contact', 'c.id')}, 'lastName', c.last_name, 'version', c.version), 'userErrors', '[]'::json)`)}`,
      params: (vars) => [vars.id, vars.accountId, vars.firstName, vars.lastName, vars.email, vars.ownerId],
    },
  };
}

function uuidOfGlobalId(id: string): string | null {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^Account:([0-9a-f-]{36})$/.exec(decoded);
  return match ? match[1] : null;
}

serve(async () => {
  const url = required('DATABASE_URL');
  const schema = required('BENCH_SCHEMA');
  const token = required('BENCH_TOKEN');
  countStatements(pg);
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10), application_name: 'bench-raw' });
  const statements = rawStatements(schema);
  const reply = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const statement = req.method === 'POST' ? statements[(req.url ?? '').replace(/^\/raw\//, '')] : undefined;
        if (!statement) return reply(res, 404, '{"errors":[{"message":"not found"}]}');
        if (req.headers.authorization !== `Bearer ${token}`) return reply(res, 401, '{"errors":[{"message":"unauthenticated"}]}');
        try {
          const vars = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
          const { rows } = await pool.query<{ body: string }>(statement.sql, statement.params(vars));
          reply(res, 200, rows[0]?.body ?? '{"data":null}');
        } catch (error) {
          console.error(String(error));
          reply(res, 500, '{"errors":[{"message":"Internal server error"}]}');
        }
      })();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/raw`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
});
