// The command line as an analyst types it: unknown options named, the version, help with examples,
// and option values that are missing or empty refused in one line (exit 2) rather than guessed.

import { describe, expect, it } from 'vitest';
import { toolVersion } from '../../src/report/build.js';
import { runCli } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

const store = samplePath('two-accounts.pst');

/** One line on stderr, nothing on stdout, exit 2. */
function refused(args: string[]): string {
  const r = runCli(args);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr.endsWith('\n')).toBe(true);
  return r.stderr.trimEnd();
}

describe('unknown options and commands', () => {
  it('names an unknown option, with or without a command', () => {
    expect(refused(['--frob'])).toBe('pophist: unknown option --frob; pophist --help lists what is known');
    expect(refused(['inspect', '--frob', store])).toBe('pophist: unknown option --frob; pophist --help lists what is known');
  });

  it('-v is unknown and points at -V', () => {
    expect(refused(['-v'])).toBe('pophist: unknown option -v (the version is -V or --version); pophist --help lists what is known');
  });

  it('an unknown command is named as such; no command asks for one', () => {
    expect(refused(['frob'])).toBe('pophist: unknown command or argument "frob"; pophist --help lists what is known');
    expect(refused([])).toBe('pophist: name a command: inspect, case, decode, ls or accounts (pophist --help lists them)');
  });

  it('-V and --version print the version', () => {
    for (const flag of ['-V', '--version']) {
      const r = runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${toolVersion()}\n`);
    }
  });
});

describe('inspect', () => {
  it('with no input says what it needs in one line', () => {
    expect(refused(['inspect'])).toBe('pophist: inspect needs at least one PST, OST or MSG file or directory: pophist inspect FILE|DIR…');
  });

  it('its help has no "[required] [default: []]" and has examples', () => {
    const r = runCli(['inspect', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('[required]');
    expect(r.stdout).not.toContain('[default: []]');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('pophist inspect evidence.pst');
  });

  it.each([
    [['--window', ''], 'pophist: --window must be a whole number of seconds from 0 to 86400, got ""'],
    [['--window'], 'pophist: option --window needs a value'],
    [['--window', 'soon'], 'pophist: --window must be a whole number of seconds from 0 to 86400, got "soon"'],
    [['--smtp'], 'pophist: option --smtp needs a value'],
    [['--smtp', ''], 'pophist: --smtp needs a value, got an empty one'],
    [['--account-uid', ''], 'pophist: --account-uid needs a value, got an empty one'],
    [['--search-key'], 'pophist: option --search-key needs a value'],
    [['--smtp', '--json'], 'pophist: option --smtp needs a value'],
  ])('refuses %j in one line, exit 2', (args, message) => {
    expect(refused(['inspect', store, ...args])).toBe(message);
  });

  it("--profile-name '' is a real value (Outlook 2010 and later)", () => {
    expect(runCli(['inspect', store, '--profile-name', '', '--json']).code).toBe(0);
  });
});

it('decode without its file says so in one line', () => {
  expect(refused(['decode'])).toBe('pophist: decode needs an argument it was not given; pophist decode --help says what it takes');
});

it('the top-level help has examples', () => {
  expect(runCli(['--help']).stdout).toContain('Examples:');
});

describe.each(['decode', 'ls'])('%s', (command) => {
  it('its help has examples', () => {
    const r = runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`pophist ${command} `);
  });
});
