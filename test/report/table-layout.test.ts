// The full history table as drawn for a file or a pipe (and a terminal wide enough): boxed, each
// column as wide as its widest cell, measured in terminal columns.

import { describe, expect, it } from 'vitest';
import { displayWidth, layoutHistory } from '../../src/report/table-layout.js';

const grid = {
  head: ['#', 'UID', 'message in store'],
  rows: [
    ['0', 'abc', 'matched (remote-uid): /Inbox "hello"'],
    ['10', '受信トレイ', 'not in store'],
  ],
  messageColumn: 2,
};

describe('the full table', () => {
  it('is boxed, one line a row, every column padded to its widest cell', () => {
    expect(layoutHistory(grid, { colour: false }, 0).split('\n')).toEqual([
      '┌────┬────────────┬──────────────────────────────────────┐',
      '│ #  │ UID        │ message in store                     │',
      '│ 0  │ abc        │ matched (remote-uid): /Inbox "hello" │',
      '│ 10 │ 受信トレイ │ not in store                         │',
      '└────┴────────────┴──────────────────────────────────────┘',
    ]);
  });

  it('colour sequences take no room: coloured lines are as wide as plain ones', () => {
    const lines = layoutHistory(grid, { colour: true }, 0).split('\n');
    expect(lines[2]).toContain('\x1b[32mmatched\x1b[39m');
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });
});
