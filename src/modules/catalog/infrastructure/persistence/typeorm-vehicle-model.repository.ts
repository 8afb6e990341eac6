import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../../../../platform/kernel';
import type { ModelListFilter, NewVehicleModel, VehicleModelChanges, VehicleModelRepository } from '../../application/ports';
import { CatalogErrors } from '../../domain/catalog-errors';
import { retiredCondition } from './catalog-sql';
import type { VehicleModelView } from '../../domain/vehicle-catalog';
import { assignments, FOREIGN_KEY_VIOLATION, pgError, selectPage, SqlParams, UNIQUE_VIOLATION } from '../../../../platform/database/sql';

const COLUMNS = `m.id, m.slug, m.name, m.first_year, m.last_year, m.engine_cc, m.retired_at, m.created_at, m.updated_at,
  b.id AS brand_id, b.slug AS brand_slug, b.name AS brand_name, t.id AS type_id, t.slug AS type_slug, t.name AS type_name`;

/** `source` is the table or CTE the model rows come from, aliased m. */
const joined = (source: string) => `${source} m JOIN vehicle_brands b ON b.id = m.brand_id JOIN vehicle_types t ON t.id = m.type_id`;

interface ModelRow {
  id: string;
  slug: string;
  name: string;
  first_year: number;
  last_year: number | null;
  engine_cc: number | null;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
  brand_id: string;
  brand_slug: string;
  brand_name: string;
  type_id: string;
  type_slug: string;
  type_name: string;
}

@Injectable()
export class TypeOrmVehicleModelRepository implements VehicleModelRepository {
  constructor(private readonly db: DataSource) {}

  /** By brand then model name: active models of active brands and types (the default), retired models, or all. */
  list(filter: ModelListFilter, page: PageRequest): Promise<Page<VehicleModelView>> {
    const params = new SqlParams();
    const status = filter.status ?? 'active';
    const where = status === 'active' ? ['m.retired_at IS NULL', 'b.retired_at IS NULL', 't.retired_at IS NULL'] : [retiredCondition('m.', status)];
    if (filter.vehicleBrandId) where.push(`m.brand_id = ${params.bind(filter.vehicleBrandId)}`);
    if (filter.vehicleTypeId) where.push(`m.type_id = ${params.bind(filter.vehicleTypeId)}`);
    if (filter.year !== undefined) where.push(`m.model_years @> ${params.bind(filter.year)}::integer`);
    if (filter.search) where.push(`m.search_key LIKE '%' || catalog_search_key(${params.bind(filter.search)}) || '%'`);
    const conditions = where.join(' AND ');
    return selectPage(
      this.db,
      (limit, offset) =>
        `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${joined('vehicle_models')} WHERE ${conditions}
         ORDER BY b.name, m.name, m.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM ${joined('vehicle_models')} WHERE ${conditions}`,
      params,
      page,
      toView,
    );
  }

  async find(id: string): Promise<VehicleModelView | undefined> {
    const rows: ModelRow[] = await this.db.query(`SELECT ${COLUMNS} FROM ${joined('vehicle_models')} WHERE m.id = $1`, [id]);
    return rows.length > 0 ? toView(rows[0]) : undefined;
  }

  async insert(input: NewVehicleModel): Promise<VehicleModelView> {
    const rows: ModelRow[] = await this.db
      .query(
        `WITH inserted AS (
           INSERT INTO vehicle_models (brand_id, type_id, name, slug, first_year, last_year, engine_cc)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
         SELECT ${COLUMNS} FROM ${joined('inserted')}`,
        [input.brandId, input.typeId, input.name, input.slug, input.firstYear, input.lastYear, input.engineCc],
      )
      .catch(rethrow);
    return toView(rows[0]);
  }

  async update(id: string, changes: VehicleModelChanges): Promise<VehicleModelView | undefined> {
    const params = new SqlParams();
    const sets = assignments(
      {
        type_id: changes.typeId,
        name: changes.name,
        slug: changes.slug,
        first_year: changes.firstYear,
        last_year: changes.lastYear,
        engine_cc: changes.engineCc,
      },
      params,
    );
    if (sets.length === 0) return this.find(id);
    const rows: ModelRow[] = await this.db
      .query(
        `WITH updated AS (UPDATE vehicle_models SET ${sets.join(', ')}, updated_at = now() WHERE id = ${params.bind(id)} RETURNING *)
         SELECT ${COLUMNS} FROM ${joined('updated')}`,
        params.values,
      )
      .catch(rethrow);
    return rows.length > 0 ? toView(rows[0]) : undefined;
  }

  async retire(id: string): Promise<VehicleModelView | undefined> {
    const rows: ModelRow[] = await this.db.query(
      `WITH retired AS (
         UPDATE vehicle_models SET retired_at = coalesce(retired_at, now()), updated_at = CASE WHEN retired_at IS NULL THEN now() ELSE updated_at END
         WHERE id = $1 RETURNING *)
       SELECT ${COLUMNS} FROM ${joined('retired')}`,
      [id],
    );
    return rows.length > 0 ? toView(rows[0]) : undefined;
  }
}

function toView(row: ModelRow): VehicleModelView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    brand: { id: row.brand_id, slug: row.brand_slug, name: row.brand_name },
    type: { id: row.type_id, slug: row.type_slug, name: row.type_name },
    firstYear: row.first_year,
    lastYear: row.last_year,
    engineCc: row.engine_cc,
    retiredAt: row.retired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rethrow(error: unknown): never {
  const { code, constraint } = pgError(error);
  if (code === UNIQUE_VIOLATION && constraint === 'vehicle_models_brand_slug_key') throw CatalogErrors.vehicleModelSlugTaken();
  if (code === FOREIGN_KEY_VIOLATION && constraint === 'vehicle_models_brand_type_fkey') throw CatalogErrors.vehicleTypeNotOffered('vehicle_type_id');
  if (code === FOREIGN_KEY_VIOLATION && constraint === 'vehicle_models_brand_fkey') throw CatalogErrors.unknownVehicleBrand('vehicle_brand_id');
  if (code === FOREIGN_KEY_VIOLATION && constraint === 'vehicle_models_type_fkey') throw CatalogErrors.unknownVehicleType('vehicle_type_id');
  throw error;
}
