/**
 * SQL text derived from TypeORM entity metadata: column lists that alias snake_case columns to
 * entity property names, and INSERT/UPDATE statements. Table and column names come from code,
 * never from input; values are always bound.
 */
import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlParams } from './sql-params';

export class EntitySql<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  readonly table: string;

  constructor(dataSource: DataSource, target: EntityTarget<T>) {
    this.metadata = dataSource.getMetadata(target);
    this.table = this.metadata.tableName;
  }

  /** `alias.col AS "property", …` for every column. */
  selectList(alias: string): string {
    return this.metadata.columns.map((c) => `${alias}.${c.databaseName} AS "${c.propertyName}"`).join(', ');
  }

  column(property: keyof T & string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.table} has no column for ${property}`);
    return column.databaseName;
  }

  insert(values: Partial<T>, params: SqlParams): string {
    const entries = Object.entries(values).filter(([, v]) => v !== undefined);
    const columns = entries.map(([property]) => this.column(property));
    const placeholders = entries.map(([, value]) => params.add(value));
    return `INSERT INTO ${this.table} AS r (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${this.selectList('r')}`;
  }

  /** `col = $n, …` for the defined values (undefined means "leave as is"; null clears). */
  assignments(values: Partial<T>, params: SqlParams): string[] {
    return Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([property, value]) => `${this.column(property)} = ${params.add(value)}`);
  }
}

const cache = new WeakMap<DataSource, Map<unknown, EntitySql<ObjectLiteral>>>();

/** One EntitySql per entity and DataSource, built on first use. */
export function entitySql<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>): EntitySql<T> {
  let perSource = cache.get(dataSource);
  if (!perSource) cache.set(dataSource, (perSource = new Map()));
  let sql = perSource.get(target);
  if (!sql) perSource.set(target, (sql = new EntitySql(dataSource, target)));
  return sql as EntitySql<T>;
}
