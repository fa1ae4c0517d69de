import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './limits.js';

describe('MAX_BODY_BYTES', () => {
  it('is the limit the spec’s 413 response states', () => {
    const tooLarge = JSON.stringify(spec.components.responses?.PayloadTooLarge);
    expect(tooLarge).toContain(`exceeds ${MAX_BODY_BYTES} bytes`);
  });
});
