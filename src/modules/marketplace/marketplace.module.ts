import { DynamicModule, Module, Provider } from '@nestjs/common';
import { registerQueues } from '../../platform/queues/queues.module';
import { MarketplaceApi } from './application/marketplace.api';
import { MarketplaceFeaturedApi } from './application/featured.api';
import { MARKETPLACE_LISTINGS } from '../ai';
import { MarketplaceFacadeListings } from './infrastructure/adapters/ai-listing-source';
import { AUDIT_LOG, CONTENT_MODERATOR, MARKETPLACE_QUEUE, REVIEW_QUEUE, SAFETY_REVIEWER, SELLER_DIRECTORY, VEHICLE_TAXONOMY } from './application/ports';
import { CatalogVehicleTaxonomy } from './infrastructure/adapters/catalog-taxonomy';
import { ListingQueries } from './application/queries/listing.queries';
import { ArchiveListingUseCase, PublishListingUseCase } from './application/use-cases/change-listing-status.use-case';
import { AddListingPhotoUseCase, AttachTuneFileUseCase, ListingPhotoLinkUseCase, TuneDownloadLinkUseCase } from './application/use-cases/files.use-case';
import { CreateListingUseCase } from './application/use-cases/create-listing.use-case';
import { RecordPurchaseUseCase, RevokePurchaseUseCase } from './application/use-cases/purchases.use-case';
import { ReviewTuneUseCase } from './application/use-cases/review-tune.use-case';
import { SubmitListingUseCase } from './application/use-cases/submit-listing.use-case';
import { UpdateListingUseCase } from './application/use-cases/update-listing.use-case';
import { OrganizationsAuditLog, OrganizationsSellerDirectory } from './infrastructure/adapters/organizations-sellers';
import { AppealVerdictUseCase, OverrideVerdictUseCase, ReReviewUseCase } from './application/use-cases/moderation.use-case';
import { ModerationController } from './infrastructure/http/moderation.controller';
import { MarketplaceEngagementController } from './infrastructure/http/engagement.controller';
import { AnalyticsQuery, FavouritesUseCases, FeatureListingUseCase, ReviewsUseCases, SearchListingsQuery } from './application/use-cases/engagement.use-case';
import { AiSafetyReviewer } from './infrastructure/adapters/ai-safety-reviewer';
import { MarketplaceEventHandlers } from './infrastructure/events/marketplace-event-handlers';
import { OrgListingsController } from './infrastructure/http/org-listings.controller';
import { PublicListingsController } from './infrastructure/http/public-listings.controller';
import { MarketplaceJobsProcessor, ReviewQueue } from './infrastructure/jobs/marketplace-jobs';
import { marketplaceConfigProvider } from './infrastructure/marketplace-config';
import { marketplaceUnitOfWork } from './infrastructure/persistence/marketplace.unit-of-work';
import { MarketplaceDemoSeeder } from './infrastructure/seed/marketplace-demo.seeder';

const USE_CASES = [
  CreateListingUseCase,
  UpdateListingUseCase,
  SubmitListingUseCase,
  PublishListingUseCase,
  ArchiveListingUseCase,
  ReviewTuneUseCase,
  RecordPurchaseUseCase,
  RevokePurchaseUseCase,
  AttachTuneFileUseCase,
  AddListingPhotoUseCase,
  TuneDownloadLinkUseCase,
  ListingPhotoLinkUseCase,
  OverrideVerdictUseCase,
  ReReviewUseCase,
  AppealVerdictUseCase,
  SearchListingsQuery,
  ReviewsUseCases,
  FavouritesUseCases,
  FeatureListingUseCase,
  AnalyticsQuery,
];

const ADAPTERS: Provider[] = [
  marketplaceUnitOfWork,
  marketplaceConfigProvider,
  { provide: SELLER_DIRECTORY, useClass: OrganizationsSellerDirectory },
  { provide: AUDIT_LOG, useClass: OrganizationsAuditLog },
  { provide: VEHICLE_TAXONOMY, useClass: CatalogVehicleTaxonomy },
  { provide: REVIEW_QUEUE, useExisting: ReviewQueue },
  AiSafetyReviewer,
  { provide: SAFETY_REVIEWER, useExisting: AiSafetyReviewer },
  { provide: CONTENT_MODERATOR, useExisting: AiSafetyReviewer },
];

/**
 * The marketplace context: tune, vehicle and part listings, their lifecycle
 * and the AI safety gate, stock reservations and entitlements. Global so
 * commerce reaches MarketplaceApi.
 */
@Module({})
export class MarketplaceModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: MarketplaceModule,
      global: true,
      imports: [registerQueues(MARKETPLACE_QUEUE)],
      controllers: options.serveHttp ? [OrgListingsController, PublicListingsController, ModerationController, MarketplaceEngagementController] : [],
      providers: [
        ...ADAPTERS,
        ...USE_CASES,
        ListingQueries,
        MarketplaceApi,
        MarketplaceFeaturedApi,
        { provide: MARKETPLACE_LISTINGS, useClass: MarketplaceFacadeListings },
        ReviewQueue,
        MarketplaceEventHandlers,
        MarketplaceDemoSeeder,
        ...(options.processJobs ? [MarketplaceJobsProcessor] : []),
      ],
      exports: [MarketplaceApi, MarketplaceFeaturedApi, MARKETPLACE_LISTINGS],
    };
  }
}
