// The POP3 `Leave on Server` DWORD (PROP_POP_LEAVE_ON_SERVER in Microsoft's Account Management API):
// LEAVE_ON_SERVER 0x1, REMOVE_AFTER 0x2, REMOVE_ON_NUKE 0x4, and in the high word the number of days.

const LEAVE_ON_SERVER = 0x1;
const REMOVE_AFTER = 0x2;
const REMOVE_ON_NUKE = 0x4;

export interface LeavePolicy {
  /** The DWORD as stored, `0x000E0003`. */
  raw: string;
  leaveCopy: boolean;
  /** Days after which the server copy is removed; absent when REMOVE_AFTER is not set. */
  removeAfterDays?: number;
  /** Remove the server copy when the message is deleted from Deleted Items. */
  removeWhenDeletedFromDeletedItems: boolean;
  /** The policy in words. */
  words: string;
}

export function decodeLeavePolicy(value: number): LeavePolicy {
  const leaveCopy = (value & LEAVE_ON_SERVER) !== 0;
  const removeAfter = (value & REMOVE_AFTER) !== 0;
  const onNuke = (value & REMOVE_ON_NUKE) !== 0;
  const days = value >>> 16;
  const parts = [leaveCopy ? 'leave a copy on the server' : 'do not leave a copy on the server (deleted there once downloaded)'];
  if (removeAfter) parts.push(`remove it after ${days} day${days === 1 ? '' : 's'}`);
  if (onNuke) parts.push('remove it when deleted from Deleted Items');
  if (!leaveCopy && (removeAfter || onNuke)) parts.push('(removal flags without leave-a-copy have no effect)');
  const unknown = value & 0xfff8;
  if (unknown !== 0) parts.push(`unknown flags 0x${unknown.toString(16).toUpperCase()}`);
  const policy: LeavePolicy = { raw: `0x${value.toString(16).toUpperCase().padStart(8, '0')}`, leaveCopy, removeWhenDeletedFromDeletedItems: onNuke, words: parts.join('; ') };
  if (removeAfter) policy.removeAfterDays = days;
  return policy;
}
