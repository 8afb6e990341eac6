import type { EntityManager } from 'typeorm';
import { unitOfWorkProvider } from '../../../../platform/database/unit-of-work';
import { BOOKINGS_UNIT_OF_WORK, BookingsRepositories } from '../../application/ports';
import { SqlBookingRepository, SqlIdempotencyRepository } from './booking.repository';
import { SqlBayRepository, SqlCategoryRepository, SqlServiceRepository, SqlShopRepository } from './shop.repositories';

export const bookingsUnitOfWork = unitOfWorkProvider(BOOKINGS_UNIT_OF_WORK, (db: EntityManager): BookingsRepositories => ({
  shops: new SqlShopRepository(db),
  bays: new SqlBayRepository(db),
  categories: new SqlCategoryRepository(db),
  services: new SqlServiceRepository(db),
  bookings: new SqlBookingRepository(db),
  idempotency: new SqlIdempotencyRepository(db),
}));
