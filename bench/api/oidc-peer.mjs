// The peer of the token endpoint benchmark: node-oidc-provider with one client-credentials client.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = { ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'bench' };

const port = Number(process.env.PORT);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'bench',
      client_secret: 'bench-secret-bench-secret-bench-secret',
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
      scope: 'pipeline:read',
    },
  ],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    // Access tokens as signed JWTs (ES256), like NeuraCraft's, rather than opaque stored ones.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'http://api.neuracraft.test',
      getResourceServerInfo: () => ({
        scope: 'pipeline:read',
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
  scopes: ['pipeline:read'],
  jwks: { keys: [signingKey] },
});
provider.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'ready' })));
