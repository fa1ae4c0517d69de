import type { components } from '@neuracraft/client';
import { type Column, DataTable, PageHeader } from '../components/page';
import { formatDateTime } from '../lib/format';
import { useList } from '../lib/use-list';

type Pipeline = components['schemas']['Pipeline'];

const columns: Column<Pipeline>[] = [
  {
    header: 'Name',
    cell: (p) => (
      <>
        <span className="strong">{p.name}</span>
        {p.description && <span className="subtext">{p.description}</span>}
      </>
    ),
  },
  { header: 'ID', cell: (p) => <code className="hint">{p.id}</code> },
  {
    header: 'Steps',
    cell: (p) =>
      p.steps.length === 0 ? (
        <span className="muted">None</span>
      ) : (
        <ol className="steps" aria-label={`${p.steps.length} steps`}>
          {p.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list that may repeat names.
            <li key={i} title={s.uses}>
              {s.name}
            </li>
          ))}
        </ol>
      ),
  },
  { header: 'Updated', cell: (p) => <time dateTime={p.updated_at}>{formatDateTime(p.updated_at)}</time> },
];

export function PipelinesPage() {
  const list = useList('/v1/pipelines');
  return (
    <>
      <PageHeader eyebrow="Automation" title="Pipelines">
        Ordered steps, each run by a plugin. Read-only here: pipelines are managed through the API.
      </PageHeader>
      <DataTable
        list={list}
        columns={columns}
        caption="Pipelines"
        empty={
          <>
            <p className="strong">No pipelines yet</p>
            <p className="muted">
              Create one with <code>POST /v1/pipelines</code> and a key that holds <code>pipeline:write</code>
              .
            </p>
          </>
        }
      />
    </>
  );
}
