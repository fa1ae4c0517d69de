import type { ReactNode } from 'react';

export type Tone = 'success' | 'neutral' | 'warning' | 'danger' | 'info';

/** A short status word in a coloured pill. */
export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
