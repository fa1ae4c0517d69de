import { describe, expect, it } from 'vitest';
import { formatScope, isScope, parseScope, SCOPE_SYNTAX } from './parse.js';
import { hasScope, missingScopes } from './satisfy.js';

describe('parseScope', () => {
  it.each<[string, { given: string; want: string[] | 'malformed_scope' | 'unknown_scope' }]>([
    ['one scope', { given: 'pipeline:read', want: ['pipeline:read'] }],
    [
      'two scopes (the seed example)',
      { given: 'pipeline:read workflow:execute', want: ['pipeline:read', 'workflow:execute'] },
    ],
    ['order carries no meaning', { given: 'admin:all pipeline:read', want: ['pipeline:read', 'admin:all'] }],
    ['duplicates collapse', { given: 'pipeline:read pipeline:read', want: ['pipeline:read'] }],
    ['empty string', { given: '', want: 'malformed_scope' }],
    ['leading space', { given: ' pipeline:read', want: 'malformed_scope' }],
    ['trailing space', { given: 'pipeline:read ', want: 'malformed_scope' }],
    ['double space', { given: 'pipeline:read  workflow:execute', want: 'malformed_scope' }],
    ['tab separator', { given: 'pipeline:read\tworkflow:execute', want: 'malformed_scope' }],
    ['double quote (%x22)', { given: 'pipeline:"read"', want: 'malformed_scope' }],
    ['backslash (%x5C)', { given: 'pipeline\\read', want: 'malformed_scope' }],
    ['non-ASCII', { given: 'pipeline:réad', want: 'malformed_scope' }],
    ['unknown scope', { given: 'pipeline:delete', want: 'unknown_scope' }],
    ['known and unknown', { given: 'pipeline:read openid', want: 'unknown_scope' }],
    ['case matters', { given: 'Pipeline:Read', want: 'unknown_scope' }],
  ])('RFC 6749 §3.3: %s', (_name, { given, want }) => {
    const result = parseScope(given);
    if (Array.isArray(want)) {
      expect(result).toEqual({ ok: true, value: want });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_scope');
        expect(result.error.status).toBe(400);
        expect(result.error.reason).toBe(want);
      }
    }
  });

  it('RFC 6749 §3.3: SCOPE_SYNTAX accepts any scope-token characters', () => {
    expect(SCOPE_SYNTAX.test('a!#[]~ b')).toBe(true);
  });

  it('isScope and formatScope', () => {
    expect(isScope('plugin:manage')).toBe(true);
    expect(isScope('plugin')).toBe(false);
    expect(formatScope(['pipeline:read', 'admin:all'])).toBe('pipeline:read admin:all');
  });
});

describe('hasScope / missingScopes', () => {
  it.each<
    [
      string,
      { granted: Parameters<typeof hasScope>[0]; required: Parameters<typeof hasScope>[1]; want: boolean },
    ]
  >([
    ['granted scope', { granted: ['pipeline:read'], required: 'pipeline:read', want: true }],
    ['other scope', { granted: ['pipeline:read'], required: 'pipeline:write', want: false }],
    ['admin:all satisfies every scope', { granted: ['admin:all'], required: 'plugin:manage', want: true }],
    ['nothing granted', { granted: [], required: 'pipeline:read', want: false }],
  ])('RFC 6749 §3.3: %s', (_name, { granted, required, want }) => {
    expect(hasScope(granted, required)).toBe(want);
  });

  it('lists what is missing, nothing under admin:all', () => {
    expect(missingScopes(['pipeline:read'], ['pipeline:read', 'workflow:execute'])).toEqual([
      'workflow:execute',
    ]);
    expect(missingScopes(['admin:all'], ['pipeline:read', 'workflow:execute'])).toEqual([]);
  });
});
