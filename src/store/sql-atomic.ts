import type { AtomicBackend } from './atomic-backend.js';

/** Runs one statement and resolves with its rows. */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** Which SQL the table speaks: placeholders and JSON access differ. */
export type SqlDialect = 'postgres' | 'sqlite';

/**
 * The primitives on the keyv table (`key` primary key, `value` text) of SQLite or PostgreSQL,
 * each one statement, which both databases run atomically: add is an upsert that replaces
 * only a row whose envelope has expired; swap is a conditional UPDATE / INSERT / DELETE whose
 * `RETURNING` row says whether it applied.
 */
export function sqlAtomic(query: SqlQuery, dialect: SqlDialect, table: string): AtomicBackend {
  const p = dialect === 'postgres' ? (n: number) => `$${n}` : () => '?';
  const expires =
    dialect === 'postgres' ? `(${table}.value::json->>'expires')::double precision` : `json_extract(${table}.value, '$.expires')`;
  const applied = async (sql: string, params: unknown[]) => (await query(sql, params)).length > 0;
  return {
    add: (key, text, _ttlMs, now) =>
      applied(
        `INSERT INTO ${table} (key, value) VALUES (${p(1)}, ${p(2)})
         ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE ${expires} < ${p(3)}
         RETURNING key`,
        [key, text, now],
      ),
    async read(key) {
      const rows = (await query(`SELECT value FROM ${table} WHERE key = ${p(1)}`, [key])) as Array<{ value: string }>;
      return rows[0]?.value;
    },
    swap(key, expected, next) {
      if (expected === undefined) {
        if (next === undefined) return Promise.resolve(true);
        return applied(`INSERT INTO ${table} (key, value) VALUES (${p(1)}, ${p(2)}) ON CONFLICT (key) DO NOTHING RETURNING key`, [
          key,
          next,
        ]);
      }
      if (next === undefined) {
        return applied(`DELETE FROM ${table} WHERE key = ${p(1)} AND value = ${p(2)} RETURNING key`, [key, expected]);
      }
      return applied(`UPDATE ${table} SET value = ${p(1)} WHERE key = ${p(2)} AND value = ${p(3)} RETURNING key`, [
        next,
        key,
        expected,
      ]);
    },
  };
}
