import { ModulePart } from '../module';

export const consentPart: ModulePart = { resolvers: [], rules: {} };
