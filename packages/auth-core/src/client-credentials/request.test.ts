import { describe, expect, it } from 'vitest';
import type { AuthErrorCode } from '../errors.js';
import type { HeadersInput } from '../lib/headers.js';
import { parseForm, parseTokenRequest, type TokenRequest } from './request.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ID = 'app_dK3qZFvDa0VPzUjIbo0psOsC';
const SECRET = 'ncs_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg';
const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;
const formEncode = (value: string) => encodeURIComponent(value).replaceAll('%20', '+');

type Want = { code: AuthErrorCode; reason?: string; challenge?: boolean } | Partial<TokenRequest>;
type Case = [string, { body: string | URLSearchParams; headers?: HeadersInput; want: Want }];

describe('parseTokenRequest', () => {
  it.each<Case>([
    [
      'RFC 6749 §4.4.2: client_secret_post as in the seed',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials&scope=pipeline:read workflow:execute`,
        want: {
          grantType: 'client_credentials',
          client: { clientId: ID, clientSecret: SECRET, method: 'client_secret_post' },
          scopes: ['pipeline:read', 'workflow:execute'],
        },
      },
    ],
    [
      'RFC 6749 §2.3.1: client_secret_basic',
      {
        body: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic(ID, SECRET) },
        want: { client: { clientId: ID, clientSecret: SECRET, method: 'client_secret_basic' }, scopes: null },
      },
    ],
    [
      'RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64',
      {
        body: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic(formEncode('id with:colon'), formEncode('sëcret+%/')) },
        want: {
          client: { clientId: 'id with:colon', clientSecret: 'sëcret+%/', method: 'client_secret_basic' },
        },
      },
    ],
    [
      'RFC 7617 §2: the Basic scheme is case-insensitive',
      {
        body: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic(ID, SECRET).replace('Basic', 'bAsIc') },
        want: { client: { clientId: ID, clientSecret: SECRET, method: 'client_secret_basic' } },
      },
    ],
    [
      'RFC 6749 §3.2.1: client_id in the body matching Basic is fine',
      {
        body: `grant_type=client_credentials&client_id=${ID}`,
        headers: { ...FORM, authorization: basic(ID, SECRET) },
        want: { client: { clientId: ID, clientSecret: SECRET, method: 'client_secret_basic' } },
      },
    ],
    [
      'RFC 6749 §3.1: an empty parameter counts as omitted',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials&scope=`,
        want: { scopes: null },
      },
    ],
    [
      'RFC 6749 §3.2: unrecognized parameters are ignored',
      {
        body: new URLSearchParams({
          client_id: ID,
          client_secret: SECRET,
          grant_type: 'client_credentials',
          audience: 'x',
        }),
        want: { grantType: 'client_credentials' },
      },
    ],
    [
      'content type with charset parameter',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials`,
        headers: { 'Content-Type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' },
        want: { grantType: 'client_credentials' },
      },
    ],
    [
      'Web Headers input',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials`,
        headers: new Headers(FORM),
        want: { grantType: 'client_credentials' },
      },
    ],
    [
      'RFC 6749 §4.4.2: JSON content type → invalid_request',
      {
        body: '{}',
        headers: { 'content-type': 'application/json' },
        want: { code: 'invalid_request', reason: 'content_type' },
      },
    ],
    [
      'RFC 6749 §4.4.2: no content type → invalid_request',
      { body: 'grant_type=client_credentials', headers: {}, want: { code: 'invalid_request' } },
    ],
    [
      'RFC 6749 §3.2: repeated parameter → invalid_request',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials&scope=pipeline:read&scope=admin:all`,
        want: { code: 'invalid_request', reason: 'repeated_parameter' },
      },
    ],
    [
      'RFC 6749 §3.2: repeated empty parameter → invalid_request',
      {
        body: 'grant_type=client_credentials&foo=&foo=',
        want: { code: 'invalid_request', reason: 'repeated_parameter' },
      },
    ],
    [
      'RFC 6749 §5.2: missing grant_type → invalid_request',
      {
        body: `client_id=${ID}&client_secret=${SECRET}`,
        want: { code: 'invalid_request', reason: 'missing_grant_type' },
      },
    ],
    [
      'RFC 6749 §5.2: unknown grant → unsupported_grant_type',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=password`,
        want: { code: 'unsupported_grant_type' },
      },
    ],
    [
      'RFC 6749 §5.2: a prototype name is not a grant',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=toString`,
        want: { code: 'unsupported_grant_type' },
      },
    ],
    [
      'RFC 6749 §2.3: both Basic and client_secret → invalid_request',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials`,
        headers: { ...FORM, authorization: basic(ID, SECRET) },
        want: { code: 'invalid_request', reason: 'multiple_client_auth' },
      },
    ],
    [
      'RFC 6749 §5.2: no client authentication → invalid_client 401',
      {
        body: `client_id=${ID}&grant_type=client_credentials`,
        want: { code: 'invalid_client', reason: 'no_client_auth' },
      },
    ],
    [
      'client_secret without client_id → invalid_request',
      {
        body: `client_secret=${SECRET}&grant_type=client_credentials`,
        want: { code: 'invalid_request', reason: 'missing_client_id' },
      },
    ],
    [
      'RFC 6749 §3.2.1: body client_id differing from Basic → invalid_request',
      {
        body: 'grant_type=client_credentials&client_id=app_other',
        headers: { ...FORM, authorization: basic(ID, SECRET) },
        want: { code: 'invalid_request', reason: 'client_id_mismatch' },
      },
    ],
    ...(
      [
        ['Bearer scheme', 'Bearer abc'],
        ['Basic without credentials', 'Basic'],
        ['Basic with bad base64', 'Basic ***'],
        ['Basic with base64 of an impossible length', 'Basic i'],
        ['Basic with base64 of five characters', 'Basic abcde'],
        ['Basic without a colon', `Basic ${btoa('nocolon')}`],
        ['Basic with an empty client_id', `Basic ${btoa(':secret')}`],
        ['Basic with a bad percent-encoding', `Basic ${btoa('id:%zz')}`],
      ] as const
    ).map(
      ([name, authorization]): Case => [
        `RFC 6749 §2.3.1: ${name} → invalid_request`,
        {
          body: 'grant_type=client_credentials',
          headers: { ...FORM, authorization },
          want: { code: 'invalid_request', reason: 'malformed_basic' },
        },
      ],
    ),
    [
      'two Authorization headers → invalid_request',
      {
        body: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: [basic(ID, SECRET), basic(ID, SECRET)] },
        want: { code: 'invalid_request', reason: 'malformed_basic' },
      },
    ],
    [
      'RFC 6749 §3.3: malformed scope → invalid_scope',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials&scope=pipeline:read%20%20admin:all`,
        want: { code: 'invalid_scope', reason: 'malformed_scope' },
      },
    ],
    [
      'RFC 6749 §3.3: unknown scope → invalid_scope',
      {
        body: `client_id=${ID}&client_secret=${SECRET}&grant_type=client_credentials&scope=openid`,
        want: { code: 'invalid_scope', reason: 'unknown_scope' },
      },
    ],
  ])('%s', (_name, { body, headers = FORM, want }) => {
    const result = parseTokenRequest({ body, headers });
    if ('code' in want) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(want.code);
        if (want.reason !== undefined) {
          expect(result.error.reason).toBe(want.reason);
        }
        expect(result.error.headers()['Cache-Control']).toBe('no-store');
        expect(result.error.description).not.toContain(SECRET);
      }
    } else {
      expect(result.ok).toBe(true);
      expect(result.ok && result.value).toMatchObject(want);
    }
  });

  it('never echoes an attacker-chosen parameter name', () => {
    const result = parseForm('<script>=1&<script>=2', FORM);
    expect(result.ok ? '' : result.error.description).toBe(
      'The parameter a parameter is repeated (RFC 6749 §3.2).',
    );
  });
});
