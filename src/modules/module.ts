import { EntitySchema } from 'typeorm';
import { RuleMap } from '../graphql/rules';

/** What a module brings to the application: read by schema build, shield assembly and the DataSource. */
export interface ModuleManifest {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  rules: RuleMap;
}

/** One feature of a larger module: its resolvers and their shield rules. */
export interface ModulePart {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  rules: RuleMap;
}
