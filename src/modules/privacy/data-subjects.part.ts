import { ModulePart } from '../module';

export const dataSubjectsPart: ModulePart = { resolvers: [], rules: {} };
