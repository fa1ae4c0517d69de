import type { components } from '@neuracraft/client';
import { Badge, type Tone } from '../components/badge';
import { type Column, DataTable, PageHeader } from '../components/page';
import { formatDateTime, formatRelative } from '../lib/format';
import { useList } from '../lib/use-list';
import { useNames } from '../lib/use-names';

type Execution = components['schemas']['Execution'];

const STATUS: Record<Execution['status'], Tone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  canceled: 'warning',
};

export function ExecutionsPage() {
  const list = useList('/v1/executions');
  const names = useNames({ workflows: true, pipelines: true });
  const columns: Column<Execution>[] = [
    { header: 'Execution', cell: (e) => <code className="hint">{e.id}</code> },
    {
      header: 'Workflow',
      cell: (e) => (
        <>
          <span className="strong">{names.get(e.workflow_id) ?? e.workflow_id}</span>
          <span className="subtext">{names.get(e.pipeline_id) ?? e.pipeline_id}</span>
        </>
      ),
    },
    {
      header: 'Status',
      cell: (e) => <Badge tone={STATUS[e.status]}>{e.status[0]!.toUpperCase() + e.status.slice(1)}</Badge>,
    },
    {
      header: 'Queued',
      cell: (e) => (
        <time dateTime={e.created_at} title={formatDateTime(e.created_at)}>
          {formatRelative(e.created_at)}
        </time>
      ),
    },
    {
      header: 'Finished',
      cell: (e) => <time dateTime={e.finished_at ?? undefined}>{formatDateTime(e.finished_at)}</time>,
    },
  ];
  return (
    <>
      <PageHeader eyebrow="Automation" title="Executions">
        Recent runs of your workflows, newest first.
      </PageHeader>
      <DataTable
        list={list}
        columns={columns}
        caption="Executions"
        empty={
          <>
            <p className="strong">No executions yet</p>
            <p className="muted">Runs appear here once a workflow is triggered or its schedule comes due.</p>
          </>
        }
      />
    </>
  );
}
