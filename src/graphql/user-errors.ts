/**
 * Expected failures of a mutation travel in its payload's `userErrors`, each with a path into the
 * input. A payload with userErrors has written nothing: the transaction layer undoes its work.
 */
import { ValidationError, validate } from 'class-validator';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  INVALID = 'INVALID',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  DUPLICATE = 'DUPLICATE',
  INVALID_STATE = 'INVALID_STATE',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  /** The caller's role does not allow this value (e.g. an owner outside its record scope). */
  FORBIDDEN = 'FORBIDDEN',
  /** The value is too easy to guess (passwords). */
  WEAK = 'WEAK',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation refused its input.' });

@ObjectType({ description: 'A problem with the input of a mutation. A payload that has userErrors wrote nothing.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the offending input field, e.g. ["input", "email"].' })
  field?: string[] | null;

  @Field({ description: 'What is wrong, in words for a person.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for a program.' })
  code!: UserErrorCode;
}

export const userError = (field: string[] | null, message: string, code: UserErrorCode): UserError => ({ field, message, code });

export interface Payload {
  userErrors: UserError[];
}

export const failure = <P extends Payload>(...userErrors: UserError[]): P => ({ userErrors }) as unknown as P;

const CONSTRAINT_CODES: Record<string, UserErrorCode> = {
  isNotEmpty: UserErrorCode.REQUIRED,
  maxLength: UserErrorCode.TOO_LONG,
  min: UserErrorCode.OUT_OF_RANGE,
  max: UserErrorCode.OUT_OF_RANGE,
  arrayMaxSize: UserErrorCode.TOO_LONG,
};

/** Validates an input object (class-validator rules on the input class) into userErrors. */
export async function validateInput(input: object, root = 'input'): Promise<UserError[]> {
  const errors = await validate(input, { forbidUnknownValues: false, skipMissingProperties: false });
  return flatten(errors, [root]);
}

function flatten(errors: ValidationError[], path: string[]): UserError[] {
  return errors.flatMap((error) => {
    const here = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
      userError(here, message, CONSTRAINT_CODES[constraint] ?? UserErrorCode.INVALID),
    );
    return [...own, ...flatten(error.children ?? [], here)];
  });
}

/** CONFLICT when the caller expected another version of the row (no lost updates). */
export function staleVersion(label: string, expectedVersion: number | null | undefined, current: number): UserError | null {
  if (expectedVersion == null || expectedVersion === current) return null;
  return userError(
    ['input', 'expectedVersion'],
    `${label} was changed by someone else (expected version ${expectedVersion}, current version ${current}); reload and retry`,
    UserErrorCode.CONFLICT,
  );
}
