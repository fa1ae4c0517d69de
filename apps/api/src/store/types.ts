import type { components } from '@neuracraft/types';

type Schemas = components['schemas'];

export type ApiKey = Schemas['ApiKey'];
export type OAuthApp = Schemas['OAuthApp'];
export type Pipeline = Schemas['Pipeline'];
export type Workflow = Schemas['Workflow'];
export type Execution = Schemas['Execution'];
export type Plugin = Schemas['Plugin'];
export type AuditEvent = Schemas['AuditEvent'];
