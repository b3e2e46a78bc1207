// The offline registry hive reader's public surface (REGF, as described by Maxim Suhanov's "Windows
// registry file format specification" and libregf's documentation): for the account analysis above it.

export { RegistryFormatError, RegistryWarnings, type RegistryWarning } from './errors.js';
export { MAX_HIVE_BYTES, openHive, type Hive } from './hive.js';
export { MAX_DEPTH, MAX_ENTRIES, type RegKey } from './key.js';
export { MAX_VALUE_BYTES, REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_SZ, typeName, type RegValue } from './value.js';
