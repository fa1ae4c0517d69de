import { SCOPES } from '@neuracraft/types';
import { describe, expect, it } from 'vitest';
import { isScopeString, parseScopeString } from './scope.js';

describe('parseScopeString (RFC 6749 §3.3)', () => {
  it.each([
    ['one scope', 'pipeline:read', ['pipeline:read']],
    ['the seed example', 'pipeline:read workflow:execute', ['pipeline:read', 'workflow:execute']],
    ['every scope', SCOPES.join(' '), [...SCOPES]],
    ['a repeated scope, listed once', 'admin:all pipeline:read admin:all', ['admin:all', 'pipeline:read']],
  ])('%s', (_name, given, want) => {
    expect(parseScopeString(given)).toEqual({ ok: true, value: want });
    expect(isScopeString(given)).toBe(true);
  });

  it.each([
    ['empty: scope = scope-token *( SP scope-token ), a token has 1* characters', ''],
    ['two spaces between tokens', 'pipeline:read  workflow:execute'],
    ['a leading space', ' pipeline:read'],
    ['a trailing space', 'pipeline:read '],
    ['a tab', 'pipeline:read\tworkflow:execute'],
    ['a double quote (%x22 is excluded)', 'pipeline:"read"'],
    ['a backslash (%x5C is excluded)', 'pipeline:read\\'],
    ['a non-ASCII character', 'pipeline:lecture·'],
    ['not a string', ['pipeline:read']],
  ])('rejects the syntax: %s', (_name, given) => {
    const result = parseScopeString(given, { path: '/body/scope' });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: '/body/scope',
          message:
            'body/scope: must be one or more scopes separated by single spaces, each of visible ASCII characters other than " and \\',
        },
      ],
    });
    expect(isScopeString(given)).toBe(false);
  });

  it.each([
    ['an unknown scope', 'pipeline:delete', '"pipeline:delete"'],
    ['a wrong case', 'Pipeline:Read', '"Pipeline:Read"'],
    ['unknown scopes among known ones', 'pipeline:read all x', '"all", "x"'],
    [
      'comma-separated (a comma is a scope-token character)',
      'pipeline:read,workflow:execute',
      '"pipeline:read,workflow:execute"',
    ],
  ])('rejects %s, naming it', (_name, given, named) => {
    expect(parseScopeString(given)).toEqual({
      ok: false,
      issues: [{ path: '', message: `(root): unknown scope ${named}; the scopes are ${SCOPES.join(', ')}` }],
    });
    expect(isScopeString(given)).toBe(false);
  });
});
