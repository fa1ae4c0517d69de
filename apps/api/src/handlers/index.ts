import type { Handlers } from '../context.js';
import { getMe, listAuditEvents } from './account.js';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey, rotateApiKey } from './api-keys.js';
import { getAuthorizationServerMetadata, getJwks } from './discovery.js';
import { cancelExecution, getExecution, listExecutions } from './executions.js';
import { getHealth, getMetrics, getReadiness } from './health.js';
import { createToken, introspectToken, revokeToken } from './oauth.js';
import {
  createOAuthApp,
  deleteOAuthApp,
  getOAuthApp,
  listOAuthApps,
  rotateOAuthAppSecret,
  updateOAuthApp,
} from './oauth-apps.js';
import { createPipeline, deletePipeline, getPipeline, listPipelines, updatePipeline } from './pipelines.js';
import { getPlugin, installPlugin, listPlugins, uninstallPlugin, updatePlugin } from './plugins.js';
import { getSession, login, logout } from './session.js';
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listWorkflows,
  triggerWorkflow,
  updateWorkflow,
} from './workflows.js';

/** One handler per operationId of the spec; a missing one fails the build, and start-up. */
export const handlers: Handlers = {
  createToken,
  revokeToken,
  introspectToken,
  getAuthorizationServerMetadata,
  getJwks,
  getHealth,
  getReadiness,
  getMetrics,
  login,
  logout,
  getSession,
  getMe,
  listPipelines,
  createPipeline,
  getPipeline,
  updatePipeline,
  deletePipeline,
  listWorkflows,
  createWorkflow,
  getWorkflow,
  updateWorkflow,
  deleteWorkflow,
  triggerWorkflow,
  listExecutions,
  getExecution,
  cancelExecution,
  listPlugins,
  installPlugin,
  getPlugin,
  updatePlugin,
  uninstallPlugin,
  listApiKeys,
  createApiKey,
  getApiKey,
  revokeApiKey,
  rotateApiKey,
  listOAuthApps,
  createOAuthApp,
  getOAuthApp,
  updateOAuthApp,
  deleteOAuthApp,
  rotateOAuthAppSecret,
  listAuditEvents,
};
