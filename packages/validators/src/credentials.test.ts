import type { JsonValue } from '@neuracraft/types';
import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { isApiKeyShape, isClientIdShape, isClientSecretShape } from './credentials.js';

type Json = { [key: string]: JsonValue };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('isApiKeyShape: nc_ + 43 base62 + 6 base62 checksum', () => {
  it.each([
    ['the shape', `nc_${BASE62.slice(0, 43)}${BASE62.slice(56)}`, true],
    ['all one character', `nc_${'A'.repeat(49)}`, true],
    ['one character short', `nc_${'A'.repeat(48)}`, false],
    ['one character long', `nc_${'A'.repeat(50)}`, false],
    ['another prefix', `sk_${'A'.repeat(49)}`, false],
    ['upper-case prefix', `NC_${'A'.repeat(49)}`, false],
    ['base64url characters', `nc_${'A'.repeat(47)}-_`, false],
    ['a trailing newline', `nc_${'A'.repeat(49)}\n`, false],
    ['the seed placeholder', 'your_api_key_here', false],
    ['not a string', 42, false],
  ])('%s', (_name, given, want) => {
    expect(isApiKeyShape(given)).toBe(want);
  });
});

describe('isClientIdShape: app_ + 24 base62', () => {
  it.each([
    ['the spec example', 'app_7Hq2LmX9pR4tVz1KcB8nW3yD', true],
    ['too short', 'app_7Hq2LmX9pR4tVz1KcB8nW3y', false],
    ['too long', 'app_7Hq2LmX9pR4tVz1KcB8nW3yDx', false],
    ['another prefix', 'key_7Hq2LmX9pR4tVz1KcB8nW3yD', false],
    ['the seed placeholder', 'your_client_id', false],
    ['undefined', undefined, false],
  ])('%s', (_name, given, want) => {
    expect(isClientIdShape(given)).toBe(want);
  });
});

describe('isClientSecretShape: ncs_ + 43 base62', () => {
  it.each([
    ['the spec example', 'ncs_nf5dN2D3MVkaVqXhxgWH7d5f4ee4YZMhbRqkfkON4XP', true],
    ['too short', 'ncs_nf5dN2D3MVkaVqXhxgWH7d5f4ee4YZMhbRqkfkON4X', false],
    ['an API key', `nc_${'A'.repeat(49)}`, false],
    ['the seed placeholder', 'your_client_secret', false],
  ])('%s', (_name, given, want) => {
    expect(isClientSecretShape(given)).toBe(want);
  });
});

describe('the shapes are the spec’s', () => {
  const schemas = spec.components.schemas as Record<string, Json>;
  const member = (schema: Json | undefined, name: string): string => {
    const parts = [schema, ...((schema?.allOf as Json[] | undefined) ?? [])];
    const found = parts.map((p) => (p?.properties as Record<string, Json> | undefined)?.[name]).find(Boolean);
    return String(found?.pattern);
  };
  const samples = [
    `nc_${'A'.repeat(49)}`,
    `nc_${'A'.repeat(48)}`,
    'app_7Hq2LmX9pR4tVz1KcB8nW3yD',
    'app_7Hq2LmX9pR4tVz1KcB8nW3y',
    'ncs_nf5dN2D3MVkaVqXhxgWH7d5f4ee4YZMhbRqkfkON4XP',
    'ncs_nf5dN2D3MVkaVqXhxgWH7d5f4ee4YZMhbRqkfkON4X!',
  ];

  it.each([
    ['ApiKeyCreated.key', member(schemas.ApiKeyCreated, 'key'), isApiKeyShape],
    ['OAuthApp.client_id', member(schemas.OAuthApp, 'client_id'), isClientIdShape],
    ['OAuthAppCreated.client_secret', member(schemas.OAuthAppCreated, 'client_secret'), isClientSecretShape],
  ])('%s', (_name, pattern, shape) => {
    const regex = new RegExp(pattern, 'u');
    expect(samples.map((s) => shape(s))).toEqual(samples.map((s) => regex.test(s)));
  });
});
