import { PageHeader } from '../components/page';
import { Link } from '../lib/router';

export function NotFoundPage() {
  return (
    <PageHeader title="Page not found">
      There is no such page in the dashboard. Go to <Link href="/settings/api-keys">API Keys</Link>.
    </PageHeader>
  );
}
