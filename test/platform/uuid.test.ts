import { isUuid, uuidv7 } from '../../src/db/uuid';

test('UUID v7 ids of one process are valid and strictly increasing, even within one millisecond', () => {
  const ids = Array.from({ length: 10_000 }, () => uuidv7(1_800_000_000_000));
  expect(ids.every(isUuid)).toBe(true);
  expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]))).toBe(true);
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});
