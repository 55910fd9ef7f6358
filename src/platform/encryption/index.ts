/**
 * Encryption at rest (platform side): master keys from configuration, each workspace's wrapped data
 * key in the control plane, and the format of sealed values. Requests seal and open values through
 * src/tenancy/sealed-data.ts.
 */
export { UnauthenticCiphertext } from './aes-gcm';
export {
  DataKeyDestroyed,
  MasterKeyNotConfigured,
  type RewrapReport,
  createDataKey,
  dataKeyCounts,
  dataKeyInTenantTransaction,
  dataKeyOf,
  destroyDataKey,
  rewrapDataKeys,
  unwrapDataKey,
  wrapDataKey,
} from './data-keys';
export { DEVELOPMENT_MASTER_KEY_ID, MasterKeyring, developmentKeyring, parseMasterKeys } from './master-keys';
export { openValue, sealValue } from './sealed-values';
