import { unitOfWorkProvider } from '../../../../platform/database/unit-of-work';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceRepositories } from '../../application/ports';
import { SqlListingRepository } from './listing.repository';
import { SqlPurchaseRepository } from './purchase.repository';
import { SqlStockRepository } from './stock.repository';
import { SqlVerdictRepository } from './verdict.repository';

/** The marketplace's unit of work: plain SQL repositories over a connection or a transaction. */
export const marketplaceUnitOfWork = unitOfWorkProvider<MarketplaceRepositories>(MARKETPLACE_UNIT_OF_WORK, (db) => ({
  listings: new SqlListingRepository(db),
  stock: new SqlStockRepository(db),
  purchases: new SqlPurchaseRepository(db),
  verdicts: new SqlVerdictRepository(db),
}));
