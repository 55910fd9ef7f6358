/** Builds the executable schema from the modules and wraps it with the assembled shield. */
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { NonEmptyArray, buildSchemaSync } from 'type-graphql';
import type { ModuleManifest } from '../modules/module';
import { DateTimeScalar } from './scalars';
import { maskingMiddleware } from './personal-masking';
import { ShieldAssembly, assembleShield } from './shield';

export interface BuiltSchema {
  /** The schema clients talk to: every field behind its shield rule. */
  schema: GraphQLSchema;
  /** Without the shield: for printing and audits only, never served. */
  unguarded: GraphQLSchema;
  shield: ShieldAssembly;
}

export function buildApiSchema(modules: ModuleManifest[]): BuiltSchema {
  const unguarded = buildSchemaSync({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    resolvers: modules.flatMap((m) => m.resolvers) as NonEmptyArray<Function>,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  const shield = assembleShield(unguarded, modules.map((m) => m.rules));
  // Shield decides first; masking then applies to what a MASKED role may read.
  return { schema: applyMiddleware(unguarded, shield.fieldMiddleware, maskingMiddleware()), unguarded, shield };
}

/** The committed `schema.graphql`: sorted so that it changes only when the API does. */
export const printApiSchema = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
