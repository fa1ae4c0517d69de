import { describe, expect, it } from 'vitest';
import { loginFor, safeNext } from './next';

describe('safeNext', () => {
  it.each([
    ['a path of the app', { given: '/settings/oauth-apps', want: '/settings/oauth-apps' }],
    ['a path with a query', { given: '/audit?outcome=failure', want: '/audit?outcome=failure' }],
    ['nothing', { given: null, want: '/' }],
    ['empty', { given: '', want: '/' }],
    ['another site, scheme-relative', { given: '//evil.example/x', want: '/' }],
    ['another site, backslash', { given: '/\\evil.example', want: '/' }],
    ['another site, absolute', { given: 'https://evil.example/', want: '/' }],
    ['a script URL', { given: 'javascript:alert(1)', want: '/' }],
    ['the login page itself', { given: '/login?next=/x', want: '/' }],
    ['dot segments stay on this site', { given: '/a/../../settings/api-keys', want: '/settings/api-keys' }],
  ])('%s', (_, { given, want }) => {
    expect(safeNext(given)).toBe(want);
  });
});

describe('loginFor', () => {
  it.each([
    ['a page', { given: '/pipelines', want: '/login?next=%2Fpipelines' }],
    [
      'a page with a query',
      { given: '/audit?outcome=failure', want: '/login?next=%2Faudit%3Foutcome%3Dfailure' },
    ],
    ['the root', { given: '/', want: '/login' }],
    ['the login page', { given: '/login?next=%2Fx', want: '/login' }],
  ])('%s', (_, { given, want }) => {
    expect(loginFor(given)).toBe(want);
  });
});
