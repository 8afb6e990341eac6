import type { DataProvider, RaRecord } from 'react-admin';
import { api } from './session';
import { OPS_RESOURCES, sortParameter } from './opsResources';

interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number; total_pages: number };
}

/** Where each console resource lives in the API, and which list filters the API takes for it (server-side). */
const RESOURCES: Record<string, { path: string; filters: string[]; sorts?: string[]; update?: 'PATCH' | 'PUT' }> = {
  ...OPS_RESOURCES,
  organizations: { path: '/admin/organizations', filters: ['q', 'status', 'kind'] },
  moderation: { path: '/admin/moderation/listings', filters: [] },
  users: { path: '/admin/users', filters: ['q', 'status'], sorts: ['created_at', 'email', 'full_name'] },
  'audit-events': { path: '/admin/audit-events', filters: ['action', 'actor', 'organization_id', 'from', 'to'] },
  appeals: { path: '/admin/moderation/appeals', filters: ['status'] },
  flags: { path: '/admin/moderation/flags', filters: ['status', 'target_type'] },
  'vehicle-types': { path: '/admin/catalog/vehicle-types', filters: ['q', 'status'], update: 'PATCH' },
  'vehicle-brands': { path: '/admin/catalog/vehicle-brands', filters: ['q', 'status', 'vehicle_type'], update: 'PATCH' },
  'vehicle-models': { path: '/admin/catalog/vehicle-models', filters: ['q', 'status', 'vehicle_brand', 'vehicle_type'], update: 'PATCH' },
};

function resourceOf(name: string) {
  const resource = RESOURCES[name];
  if (!resource) throw new Error(`Unknown resource ${name}`);
  return resource;
}

/** Our lists answer `{ data, meta: { total } }` to `?page&limit&<filters>`; react-admin wants `{ data, total }`. */
export const dataProvider: DataProvider = {
  async getList(resource, params) {
    const { path, filters, sorts } = resourceOf(resource);
    const query = new URLSearchParams({ page: String(params.pagination?.page ?? 1), limit: String(Math.min(params.pagination?.perPage ?? 25, 100)) });
    const sort = sortParameter(sorts, params.sort);
    if (sort) query.set('sort', sort);
    for (const key of filters) {
      const value = (params.filter as Record<string, unknown> | undefined)?.[key];
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    const page = await api<Page<RaRecord>>(`${path}?${query.toString()}`);
    return { data: page.data as never[], total: page.meta.total };
  },
  async getOne(resource, params) {
    const body = await api<RaRecord>(`${resourceOf(resource).path}/${encodeURIComponent(String(params.id))}`);
    return { data: (resource === 'moderation' ? { ...(body.listing as RaRecord), verdicts: body.verdicts } : body) as never };
  },
  async getMany(resource, params) {
    const data = await Promise.all(params.ids.map((id) => api<RaRecord>(`${resourceOf(resource).path}/${encodeURIComponent(String(id))}`)));
    return { data: data as never[] };
  },
  async getManyReference(resource, params) {
    const { data, total } = await dataProvider.getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } });
    return { data, total };
  },
  async create(resource, params) {
    return { data: (await api<RaRecord>(resourceOf(resource).path, { method: 'POST', body: params.data })) as never };
  },
  async update(resource, params) {
    const { path, update } = resourceOf(resource);
    const changed = Object.fromEntries(Object.entries(params.data).filter(([key, value]) => key !== 'id' && value !== params.previousData?.[key]));
    return { data: (await api<RaRecord>(`${path}/${encodeURIComponent(String(params.id))}`, { method: update ?? 'PATCH', body: changed })) as never };
  },
  async updateMany() {
    throw new Error('Not offered');
  },
  async delete() {
    throw new Error('Not offered: retire or suspend instead');
  },
  async deleteMany() {
    throw new Error('Not offered');
  },
};
