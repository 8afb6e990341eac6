/** Offset pagination shared by every list: `{ data, meta }`, limit capped at MAX_PAGE_LIMIT. */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export interface PageRequest {
  page: number;
  limit: number;
}

export interface PageMeta {
  page: number;
  limit: number;
  total: number;
  total_pages: number;
}

export interface Page<T> {
  data: T[];
  meta: PageMeta;
}

export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.limit;
}

export function toPage<T>(items: T[], total: number, request: PageRequest): Page<T> {
  return {
    data: items,
    meta: { page: request.page, limit: request.limit, total, total_pages: Math.ceil(total / request.limit) },
  };
}
