import { ModulePart } from '../module';

// Placeholder: filled in by the feature's implementation.
export const campaignsPart: ModulePart = { resolvers: [], rules: {} };
