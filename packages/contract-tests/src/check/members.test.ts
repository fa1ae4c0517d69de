import { describe, expect, it } from 'vitest';
import { componentSchema, type Schema } from '../spec/document.js';
import { undocumentedMembers } from './members.js';

const pipeline = {
  id: 'pl_2Zt0bCqL4RmW7xYk9aQe1vNs',
  name: 'n',
  description: null,
  steps: [{ name: 's', uses: 'http-request@1', with: { anything: { goes: true } } }],
  created_at: '2026-05-14T09:30:00Z',
  updated_at: '2026-05-14T09:30:00Z',
};

const cases: [string, { schema: Schema; value: unknown; want: string[] }][] = [
  ['a body with only declared members', { schema: componentSchema('Pipeline')!, value: pipeline, want: [] }],
  [
    'an extra top-level member',
    {
      schema: componentSchema('Pipeline')!,
      value: { ...pipeline, owner_email: 'x' },
      want: ['/owner_email'],
    },
  ],
  [
    'an extra member in an array item',
    {
      schema: componentSchema('ApiKeyList')!,
      value: {
        data: [
          { id: 'key_x', name: 'n' },
          { id: 'key_y', key: 'nc_secret' },
        ],
        next_cursor: null,
      },
      want: ['/data/1/key'],
    },
  ],
  [
    'free-form objects (additionalProperties: true)',
    { schema: componentSchema('Execution')!, value: { inputs: { a: 1, b: { c: 2 } } }, want: [] },
  ],
  [
    'allOf merges the members of every part',
    {
      schema: componentSchema('ApiKeyCreated')!,
      value: { id: 'key_x', key: 'nc_x', name: 'n', leaked_hash: 'h' },
      want: ['/leaked_hash'],
    },
  ],
  [
    'oneOf picks the branch its discriminator names',
    {
      schema: componentSchema('Workflow')!,
      value: { trigger: { type: 'manual', cron: '* * * * *' } },
      want: ['/trigger/cron'],
    },
  ],
  [
    'a name with a slash is escaped (RFC 6901)',
    { schema: componentSchema('Health')!, value: { 'a/b': 1 }, want: ['/a~1b'] },
  ],
];

describe('undocumentedMembers', () => {
  it.each(cases)('%s', (_, { schema, value, want }) => {
    expect(undocumentedMembers(schema, value)).toEqual(want);
  });
});
