/** Checks a list's order the way the API defines it: NULL is the largest value (last ascending, first descending). */
export type Direction = 'ASC' | 'DESC';
export type SortValue = string | number | null;

function compareOn(x: SortValue, y: SortValue, direction: Direction): number {
  let result: number;
  if (x === y) result = 0;
  else if (x === null) result = 1;
  else if (y === null) result = -1;
  else result = x < y ? -1 : 1;
  return direction === 'ASC' ? result : -result;
}

/** Throws when two neighbours are out of the requested order (ties on every requested key may come in any order). */
export function expectSorted<Row, Field>(rows: Row[], orderBy: { field: Field; direction: Direction }[], sortValue: (row: Row, field: Field) => SortValue): void {
  for (let i = 1; i < rows.length; i++) {
    let cmp = 0;
    for (const { field, direction } of orderBy) {
      cmp = compareOn(sortValue(rows[i - 1], field), sortValue(rows[i], field), direction);
      if (cmp !== 0) break;
    }
    if (cmp > 0) throw new Error(`rows ${i - 1} and ${i} are out of order for ${JSON.stringify(orderBy)}: ${JSON.stringify([rows[i - 1], rows[i]])}`);
  }
}
