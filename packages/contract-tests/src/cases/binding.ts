import type { Link } from '../generate/values.js';
import type { CaseContext } from './case.js';

/**
 * Binds the members OAuth 2.0 requests name by RFC — `client_id`, `client_secret` (RFC 6749
 * §2.3.1) and `token` (RFC 7009 §2.1, RFC 7662 §2.1) — to a real client and token of the suite, so
 * generated requests to the OAuth endpoints get past client authentication to what they test.
 */
export async function oauthBinding(t: CaseContext): Promise<Link> {
  const { app, token } = await t.credentials.bindingClient();
  const values: Readonly<Record<string, string>> = {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    token,
  };
  return (_, at) => {
    const name = at.length === 1 ? at[0] : undefined;
    return name !== undefined && name in values ? { value: values[name] } : undefined;
  };
}

/** Whether an operation takes a form body (the OAuth endpoints do). */
export const takesForm = (t: CaseContext): boolean =>
  t.op.body?.mediaType === 'application/x-www-form-urlencoded';
