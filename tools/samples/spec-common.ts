// What several sample specs share: Outlook 2010+'s Message Manager key and shape.

import type { AccountSpec, SampleSpec } from './spec.js';

export const GENERAL_KEY = new Uint8Array(Buffer.from('General Key\0', 'latin1'));

/** An Outlook 2010+ Message Manager: empty profile name, `General Key\0` as key and conversation key. */
export const modernManager = (accounts: AccountSpec[]): NonNullable<SampleSpec['manager']> => ({
  profileName: '',
  key: GENERAL_KEY,
  conversationKey: GENERAL_KEY,
  created: '2024-03-01T09:00:00Z',
  accounts,
});
