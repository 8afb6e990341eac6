import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../../../../platform/kernel';
import { TransactionRunner } from '../../../../platform/database/transaction';
import type { BrandListFilter, NewVehicleBrand, VehicleBrandChanges, VehicleBrandRepository } from '../../application/ports';
import { CatalogErrors } from '../../domain/catalog-errors';
import { retiredCondition } from './catalog-sql';
import type { VehicleBrandView } from '../../domain/vehicle-catalog';
import { assignments, FOREIGN_KEY_VIOLATION, pgError, Queryable, selectPage, SqlParams, UNIQUE_VIOLATION } from '../../../../platform/database/sql';

/** The brand's types, ordered by name (scooter, motorcycle, car read better than ids). */
const COLUMNS = `b.id, b.slug, b.name, b.retired_at, b.created_at, b.updated_at,
  ARRAY(SELECT bt.type_id FROM vehicle_brand_types bt JOIN vehicle_types t ON t.id = bt.type_id WHERE bt.brand_id = b.id ORDER BY t.name) AS vehicle_type_ids`;

interface BrandRow {
  id: string;
  slug: string;
  name: string;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
  vehicle_type_ids: string[];
}

@Injectable()
export class TypeOrmVehicleBrandRepository implements VehicleBrandRepository {
  constructor(
    private readonly db: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  list(filter: BrandListFilter, page: PageRequest): Promise<Page<VehicleBrandView>> {
    const params = new SqlParams();
    const where = [retiredCondition('b.', filter.status)];
    if (filter.vehicleTypeId) {
      where.push(
        `EXISTS (SELECT 1 FROM vehicle_brand_types bt JOIN vehicle_types t ON t.id = bt.type_id
                 WHERE bt.brand_id = b.id AND bt.type_id = ${params.bind(filter.vehicleTypeId)} AND t.retired_at IS NULL)`,
      );
    }
    if (filter.search) where.push(`b.search_key LIKE '%' || catalog_search_key(${params.bind(filter.search)}) || '%'`);
    const conditions = where.join(' AND ');
    return selectPage(
      this.db,
      (limit, offset) =>
        `SELECT ${COLUMNS}, count(*) OVER () AS total FROM vehicle_brands b WHERE ${conditions} ORDER BY b.name, b.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM vehicle_brands b WHERE ${conditions}`,
      params,
      page,
      toView,
    );
  }

  find(id: string): Promise<VehicleBrandView | undefined> {
    return findIn(this.db, id);
  }

  async insert(input: NewVehicleBrand): Promise<VehicleBrandView> {
    return this.transactions
      .run(async (manager) => {
        const [{ id }]: Array<{ id: string }> = await manager.query(`INSERT INTO vehicle_brands (name, slug) VALUES ($1, $2) RETURNING id`, [
          input.name,
          input.slug,
        ]);
        await linkTypes(manager, id, input.vehicleTypeIds);
        return (await findIn(manager, id))!;
      })
      .catch(rethrow);
  }

  async update(id: string, changes: VehicleBrandChanges): Promise<VehicleBrandView | undefined> {
    return this.transactions
      .run(async (manager) => {
        const params = new SqlParams();
        const sets = assignments({ name: changes.name, slug: changes.slug }, params);
        const rows: unknown[] = await manager.query(
          `WITH updated AS (UPDATE vehicle_brands SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = ${params.bind(id)} RETURNING id)
           SELECT id FROM updated`,
          params.values,
        );
        if (rows.length === 0) return undefined;
        if (changes.vehicleTypeIds) {
          // Fails on vehicle_models_brand_type_fkey when a model still has a type being removed.
          await manager.query(`DELETE FROM vehicle_brand_types WHERE brand_id = $1 AND NOT (type_id = ANY($2::uuid[]))`, [id, changes.vehicleTypeIds]);
          await linkTypes(manager, id, changes.vehicleTypeIds);
        }
        return findIn(manager, id);
      })
      .catch(rethrow);
  }

  async retire(id: string): Promise<VehicleBrandView | undefined> {
    const rows: unknown[] = await this.db.query(
      `WITH retired AS (
         UPDATE vehicle_brands SET retired_at = coalesce(retired_at, now()), updated_at = CASE WHEN retired_at IS NULL THEN now() ELSE updated_at END
         WHERE id = $1 RETURNING id)
       SELECT id FROM retired`,
      [id],
    );
    return rows.length > 0 ? this.find(id) : undefined;
  }
}

async function findIn(db: Queryable, id: string): Promise<VehicleBrandView | undefined> {
  const rows: BrandRow[] = await db.query(`SELECT ${COLUMNS} FROM vehicle_brands b WHERE b.id = $1`, [id]);
  return rows.length > 0 ? toView(rows[0]) : undefined;
}

async function linkTypes(db: Queryable, brandId: string, typeIds: string[]): Promise<void> {
  await db.query(`INSERT INTO vehicle_brand_types (brand_id, type_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [brandId, typeIds]);
}

function toView(row: BrandRow): VehicleBrandView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    vehicleTypeIds: row.vehicle_type_ids,
    retiredAt: row.retired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rethrow(error: unknown): never {
  const { code, constraint } = pgError(error);
  if (code === UNIQUE_VIOLATION && constraint === 'vehicle_brands_slug_key') throw CatalogErrors.vehicleBrandSlugTaken();
  if (code === FOREIGN_KEY_VIOLATION && constraint === 'vehicle_brand_types_type_fkey') throw CatalogErrors.unknownVehicleType('vehicle_type_ids');
  if (code === FOREIGN_KEY_VIOLATION && constraint === 'vehicle_models_brand_type_fkey') throw CatalogErrors.vehicleTypeInUse();
  throw error;
}
