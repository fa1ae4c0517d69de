import type { components } from '@neuracraft/client';
import { Badge } from '../components/badge';
import { type Column, DataTable, PageHeader } from '../components/page';
import { formatDateTime } from '../lib/format';
import { useList } from '../lib/use-list';
import { useNames } from '../lib/use-names';

type Workflow = components['schemas']['Workflow'];

export function WorkflowsPage() {
  const list = useList('/v1/workflows');
  const names = useNames({ pipelines: true });
  const columns: Column<Workflow>[] = [
    { header: 'Name', cell: (w) => <span className="strong">{w.name}</span> },
    { header: 'ID', cell: (w) => <code className="hint">{w.id}</code> },
    {
      header: 'Pipeline',
      cell: (w) =>
        names.has(w.pipeline_id) ? names.get(w.pipeline_id) : <code className="hint">{w.pipeline_id}</code>,
    },
    {
      header: 'Trigger',
      cell: (w) =>
        w.trigger.type === 'schedule' ? (
          <>
            Schedule <code className="hint">{w.trigger.cron}</code>
          </>
        ) : (
          'Manual'
        ),
    },
    {
      header: 'Status',
      cell: (w) =>
        w.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>,
    },
    { header: 'Updated', cell: (w) => <time dateTime={w.updated_at}>{formatDateTime(w.updated_at)}</time> },
  ];
  return (
    <>
      <PageHeader eyebrow="Automation" title="Workflows">
        What runs a pipeline: by hand or on a schedule. Trigger a run with{' '}
        <code>POST /v1/workflows/{'{id}'}/executions</code>.
      </PageHeader>
      <DataTable
        list={list}
        columns={columns}
        caption="Workflows"
        empty={
          <>
            <p className="strong">No workflows yet</p>
            <p className="muted">
              Create one with <code>POST /v1/workflows</code> for an existing pipeline.
            </p>
          </>
        }
      />
    </>
  );
}
