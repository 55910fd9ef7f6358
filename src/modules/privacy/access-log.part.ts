import { ModulePart } from '../module';

export const accessLogPart: ModulePart = { resolvers: [], rules: {} };
