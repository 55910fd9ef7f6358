import { RuleMap, canRead } from '../../graphql/rules';

export const userRules: RuleMap = {
  User: { '*': canRead('User') },
};
