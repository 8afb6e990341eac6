import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../../../../platform/kernel';
import type { NewVehicleType, TypeListFilter, VehicleTypeChanges, VehicleTypeRepository } from '../../application/ports';
import { retiredCondition } from './catalog-sql';
import { CatalogErrors } from '../../domain/catalog-errors';
import type { VehicleTypeView } from '../../domain/vehicle-catalog';
import { assignments, pgError, selectPage, SqlParams, UNIQUE_VIOLATION } from '../../../../platform/database/sql';

const COLUMNS = 'id, slug, name, retired_at, created_at, updated_at';

interface TypeRow {
  id: string;
  slug: string;
  name: string;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class TypeOrmVehicleTypeRepository implements VehicleTypeRepository {
  constructor(private readonly db: DataSource) {}

  list(filter: TypeListFilter, page: PageRequest): Promise<Page<VehicleTypeView>> {
    const params = new SqlParams();
    const where = [retiredCondition('', filter.status)];
    if (filter.search) where.push(`catalog_search_key(name) LIKE '%' || catalog_search_key(${params.bind(filter.search)}) || '%'`);
    const conditions = where.join(' AND ');
    return selectPage(
      this.db,
      (limit, offset) =>
        `SELECT ${COLUMNS}, count(*) OVER () AS total FROM vehicle_types WHERE ${conditions} ORDER BY name, id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM vehicle_types WHERE ${conditions}`,
      params,
      page,
      toView,
    );
  }

  async find(id: string): Promise<VehicleTypeView | undefined> {
    const rows: TypeRow[] = await this.db.query(`SELECT ${COLUMNS} FROM vehicle_types WHERE id = $1`, [id]);
    return rows.length > 0 ? toView(rows[0]) : undefined;
  }

  async findMany(ids: string[]): Promise<VehicleTypeView[]> {
    const rows: TypeRow[] = await this.db.query(`SELECT ${COLUMNS} FROM vehicle_types WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toView);
  }

  async insert(input: NewVehicleType): Promise<VehicleTypeView> {
    const rows: TypeRow[] = await this.db
      .query(`INSERT INTO vehicle_types (name, slug) VALUES ($1, $2) RETURNING ${COLUMNS}`, [input.name, input.slug])
      .catch(rethrow);
    return toView(rows[0]);
  }

  async update(id: string, changes: VehicleTypeChanges): Promise<VehicleTypeView | undefined> {
    const params = new SqlParams();
    const sets = assignments({ name: changes.name, slug: changes.slug }, params);
    if (sets.length === 0) return this.find(id);
    // A CTE makes the statement a SELECT, whose rows TypeORM returns as they are.
    const rows: TypeRow[] = await this.db
      .query(
        `WITH updated AS (UPDATE vehicle_types SET ${sets.join(', ')}, updated_at = now() WHERE id = ${params.bind(id)} RETURNING ${COLUMNS})
         SELECT * FROM updated`,
        params.values,
      )
      .catch(rethrow);
    return rows.length > 0 ? toView(rows[0]) : undefined;
  }

  async retire(id: string): Promise<VehicleTypeView | undefined> {
    const rows: TypeRow[] = await this.db.query(
      `WITH retired AS (
         UPDATE vehicle_types SET retired_at = coalesce(retired_at, now()), updated_at = CASE WHEN retired_at IS NULL THEN now() ELSE updated_at END
         WHERE id = $1 RETURNING ${COLUMNS})
       SELECT * FROM retired`,
      [id],
    );
    return rows.length > 0 ? toView(rows[0]) : undefined;
  }
}

function toView(row: TypeRow): VehicleTypeView {
  return { id: row.id, slug: row.slug, name: row.name, retiredAt: row.retired_at, createdAt: row.created_at, updatedAt: row.updated_at };
}

function rethrow(error: unknown): never {
  const { code, constraint } = pgError(error);
  if (code === UNIQUE_VIOLATION && constraint === 'vehicle_types_slug_key') throw CatalogErrors.vehicleTypeSlugTaken();
  throw error;
}
