import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

const base = ['--base-url', 'http://localhost:8080', '--admin-key', 'nc_key'];

describe('parseCliArgs', () => {
  it.each([
    ['the required options', base, { baseUrl: 'http://localhost:8080', adminKey: 'nc_key' }],
    [
      '--only, repeated',
      [...base, '--only', 'getMe', '--only', 'listPipelines'],
      { only: ['getMe', 'listPipelines'] },
    ],
    [
      '--only, comma-separated',
      [...base, '--only', 'getMe,listPipelines'],
      { only: ['getMe', 'listPipelines'] },
    ],
    [
      '--only, then more ids',
      [...base, '--only', 'getMe', 'listPipelines'],
      { only: ['getMe', 'listPipelines'] },
    ],
    ['--fuzz and --seed', [...base, '--fuzz', '50', '--seed', '7'], { fuzz: 50, seed: 7 }],
    ['--skip-expiry', [...base, '--skip-expiry'], { expiry: false }],
    [
      '--allow-header',
      [...base, '--allow-header', 'x-cache', '--allow-header', 'cf-ray'],
      { allowHeaders: ['x-cache', 'cf-ray'] },
    ],
  ])('reads %s', (_, argv, want) => {
    expect(parseCliArgs(argv).options).toMatchObject(want);
  });

  it('reads the reporter and output', () => {
    expect(parseCliArgs([...base, '--reporter', 'junit', '--output', 'r.xml'])).toMatchObject({
      reporter: 'junit',
      output: 'r.xml',
    });
  });

  it('takes the admin key from NEURACRAFT_ADMIN_KEY', () => {
    expect(
      parseCliArgs(['--base-url', 'http://x'], { NEURACRAFT_ADMIN_KEY: 'nc_env' }).options.adminKey,
    ).toBe('nc_env');
  });

  it.each([
    ['no base URL', ['--admin-key', 'k'], /--base-url is required/],
    ['no admin key', ['--base-url', 'http://x'], /--admin-key \(or NEURACRAFT_ADMIN_KEY\) is required/],
    ['an unknown reporter', [...base, '--reporter', 'tap'], /--reporter must be pretty, junit, json/],
    ['a fuzz that is not a number', [...base, '--fuzz', 'many'], /--fuzz must be a whole number/],
    ['a negative fuzz', [...base, '--fuzz=-1'], /--fuzz must be a whole number/],
    ['an unknown option', [...base, '--frobnicate'], /Unknown option '--frobnicate'/],
    ['a stray argument', [...base, 'extra'], /unexpected argument "extra"/],
  ])('refuses %s', (_, argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('answers help', () => {
    expect(parseCliArgs(['--help']).help).toBe(true);
  });
});
