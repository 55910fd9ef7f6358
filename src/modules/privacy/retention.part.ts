import { ModulePart } from '../module';

export const retentionPart: ModulePart = { resolvers: [], rules: {} };
