import { describe, expect, it } from 'vitest';
import { allOperations } from './document.js';
import { fillPath, resourceByIdPattern, resourceOfId, resources, resourcesOfPath } from './resources.js';

describe('resources', () => {
  it.each(
    allOperations()
      .filter((op) => op.path.includes('{'))
      .map((op) => [op.operationId, op.path] as const),
  )('the path parameters of %s are made by a create operation of the spec', (_, path) => {
    const found = resourcesOfPath(path);
    expect(found.length).toBe((path.match(/\{/g) ?? []).length);
    for (const resource of found) {
      expect(resource.create, resource.itemPath).toBeDefined();
      expect(resource.idPattern, resource.itemPath).toBeDefined();
    }
  });

  it.each([
    ['/v1/pipelines/{id}', 'createPipeline', 'deletePipeline'],
    ['/v1/workflows/{id}', 'createWorkflow', 'deleteWorkflow'],
    ['/v1/executions/{id}', 'triggerWorkflow', undefined],
    ['/v1/api-keys/{id}', 'createApiKey', 'revokeApiKey'],
    ['/v1/oauth-apps/{id}', 'createOAuthApp', 'deleteOAuthApp'],
  ])('%s is created by %s and removed by %s', (itemPath, create, remove) => {
    const resource = resources().get(itemPath);
    expect(resource?.create?.operationId).toBe(create);
    expect(resource?.remove?.operationId).toBe(remove);
  });

  it('joins members to resources by the pattern of their ids', () => {
    expect(resourceByIdPattern('^pl_[0-9A-Za-z]{24}$')?.itemPath).toBe('/v1/pipelines/{id}');
    expect(resourceOfId('wf_dWD4lWqWmWNvlePU4whIJ6wb')?.itemPath).toBe('/v1/workflows/{id}');
    expect(resourceOfId('nothing')).toBeUndefined();
  });

  it('fills and encodes path parameters', () => {
    expect(fillPath('/v1/pipelines/{id}', { id: 'a/b c' })).toBe('/v1/pipelines/a%2Fb%20c');
  });
});
