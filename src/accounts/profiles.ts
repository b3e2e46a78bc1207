// Where Outlook keeps mail profiles in a user's hive: Outlook 97–2010 under the Windows Messaging
// Subsystem, 2013 and later under Office\<version>\Outlook. Each profile's mail accounts are the
// 8-hex-digit subkeys of 9375CFF0413111d3B88A00104B2A6676. Key names are matched without regard to case.

import { RegistryFormatError, type RegistryWarnings, type RegKey } from '../registry/index.js';
import { readAccount, type Account } from './account.js';

const MESSAGING = 'Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem';
const OFFICE = 'Software\\Microsoft\\Office';
const ACCOUNTS_KEY = '9375CFF0413111d3B88A00104B2A6676';
const ACCOUNT_ID = /^[0-9A-Fa-f]{8}$/;
const OFFICE_VERSION = /^\d+\.\d+$/;

export interface Profile {
  name: string;
  /** `messaging-subsystem` (Outlook 97–2010) or `office` (2013 and later, with officeVersion). */
  layout: 'messaging-subsystem' | 'office';
  officeVersion?: string;
  keyPath: string;
  lastWritten?: string;
  /** The profile is the one `DefaultProfile` names for its layout. */
  isDefault: boolean;
  accounts: Account[];
}

interface Found {
  key: RegKey;
  /** The path with each key's name as the hive spells it. */
  path: string;
}

/** The key at a backslash path, names matched without regard to case. */
function follow(from: Found, path: string): Found | undefined {
  let at: Found | undefined = from;
  for (const part of path.split('\\')) {
    const key: RegKey | undefined = at?.key.subkey(part);
    at = key && { key, path: at!.path === '' ? key.name : `${at!.path}\\${key.name}` };
  }
  return at;
}

/** `DefaultProfile`, a REG_SZ; unreadable data is a warning naming its offset. */
function defaultProfile(key: RegKey | undefined, warnings: RegistryWarnings): string | undefined {
  const v = key?.value('DefaultProfile');
  if (!v) return undefined;
  try {
    const s = v.data().toString('utf16le');
    const nul = s.indexOf('\0');
    return nul < 0 ? s : s.slice(0, nul);
  } catch (e) {
    if (!(e instanceof RegistryFormatError)) throw e;
    warnings.fromError(e, 'DefaultProfile');
    return undefined;
  }
}

type ProfileBase = Omit<Profile, 'name' | 'keyPath' | 'isDefault' | 'accounts'>;

function readProfile(key: RegKey, keyPath: string, base: ProfileBase, defaultName: string | undefined, warnings: RegistryWarnings): Profile {
  const profile: Profile = { name: key.name, ...base, keyPath, isDefault: defaultName !== undefined && defaultName.toUpperCase() === key.name.toUpperCase(), accounts: [] };
  if (key.lastWritten) profile.lastWritten = key.lastWritten.toISOString();
  const accounts = key.subkey(ACCOUNTS_KEY);
  for (const a of accounts?.subkeys() ?? []) {
    if (ACCOUNT_ID.test(a.name)) profile.accounts.push(readAccount(a, `${keyPath}\\${ACCOUNTS_KEY}\\${a.name}`, warnings));
  }
  return profile;
}

function profilesUnder(profiles: Found | undefined, base: ProfileBase, defaultName: string | undefined, warnings: RegistryWarnings): Profile[] {
  return (profiles?.key.subkeys() ?? []).map((p) => readProfile(p, `${profiles!.path}\\${p.name}`, base, defaultName, warnings));
}

/** Every profile in the hive, the Windows Messaging Subsystem's first, then each Office version's. */
export function findProfiles(root: RegKey, warnings: RegistryWarnings): Profile[] {
  const top: Found = { key: root, path: '' };
  const messaging = follow(top, `${MESSAGING}\\Profiles`);
  const out = profilesUnder(messaging, { layout: 'messaging-subsystem' }, defaultProfile(messaging?.key, warnings), warnings);
  const office = follow(top, OFFICE);
  for (const version of office?.key.subkeys() ?? []) {
    if (!OFFICE_VERSION.test(version.name)) continue;
    const outlook = follow({ key: version, path: `${office!.path}\\${version.name}` }, 'Outlook');
    if (!outlook) continue;
    out.push(...profilesUnder(follow(outlook, 'Profiles'), { layout: 'office', officeVersion: version.name }, defaultProfile(outlook.key, warnings), warnings));
  }
  return out;
}
