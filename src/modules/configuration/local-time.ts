import { GraphQLScalarType, Kind } from 'graphql';

/** "HH:MM" on a 24-hour clock; "24:00" is the end of the day (a closing time). */
const LOCAL_TIME = /^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function parseLocalTime(value: unknown): string {
  if (typeof value !== 'string' || !LOCAL_TIME.test(value)) {
    throw new TypeError('LocalTime must be "HH:MM" on a 24-hour clock between "00:00" and "24:00", e.g. "09:00"');
  }
  return value;
}

/** A time of day without date or zone; stored as PostgreSQL `time` ("09:00:00"), shown as "09:00". */
export const LocalTimeScalar = new GraphQLScalarType({
  name: 'LocalTime',
  description: 'A time of day without date or time zone, "HH:MM" on a 24-hour clock, e.g. "09:00"; "24:00" is the end of the day. Read it in the time zone it comes with.',
  serialize: (value) => String(value).slice(0, 5),
  parseValue: parseLocalTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('LocalTime must be given as a string such as "09:00"');
    return parseLocalTime(ast.value);
  },
});

/** Minutes since midnight of a valid LocalTime. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
