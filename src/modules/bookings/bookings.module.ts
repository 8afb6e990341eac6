import { DynamicModule, Module } from '@nestjs/common';
import { BookingsApi } from './application/bookings.api';
import { BookingsAdminApi } from './application/bookings-admin.api';
import { BookingEventHandlers } from './application/booking-event-handlers';
import { BookingPlanner } from './application/booking-planner';
import { CustomerAccess } from './application/customer-access';
import { registerQueues } from '../../platform/queues/queues.module';
import {
  ConfirmBookingPaymentUseCase,
  ExpireBookingHoldsUseCase,
  PayBookingUseCase,
  RefundBookingUseCase,
} from './application/use-cases/online-payment.use-cases';
import { CommerceOnlinePayments } from './infrastructure/adapters/commerce-payments';
import { BOOKINGS_QUEUE, BookingsJobsProcessor } from './infrastructure/jobs/bookings-jobs';
import { CUSTOMER_MESSAGES, ONLINE_PAYMENTS, PHONE_PROOF, SHOP_CHANGES, SHOP_ORGANIZATIONS, VEHICLE_MODELS } from './application/ports';
import { AvailabilityQuery } from './application/queries/availability.query';
import { CustomerBookingQueries, StaffBookingQueries } from './application/queries/booking.queries';
import { ShopQueries } from './application/queries/shop.queries';
import { ShopAdminService } from './application/shop-admin.service';
import { CreateBookingUseCase } from './application/use-cases/create-booking.use-case';
import { CancelBookingUseCase, RescheduleBookingUseCase } from './application/use-cases/customer-booking-changes.use-case';
import { ChangeBookingStatusUseCase, MarkBookingPaidUseCase } from './application/use-cases/staff-booking-changes.use-case';
import { CatalogVehicleModels } from './infrastructure/adapters/catalog-vehicle-models';
import { IdentityPhoneProof } from './infrastructure/adapters/identity-phone-proof';
import { NotificationCustomerMessages } from './infrastructure/adapters/notification-customer-messages';
import { OrganizationsShops } from './infrastructure/adapters/organizations-shops';
import { bookingsSettingsProvider } from './infrastructure/bookings-config';
import { CacheShopChanges } from './infrastructure/cache/shop-cache';
import { BookingsController } from './infrastructure/http/bookings.controller';
import { ServiceCatalogController } from './infrastructure/http/service-catalog.controller';
import { ShopResponses } from './infrastructure/http/shop-responses';
import { ShopsController } from './infrastructure/http/shops.controller';
import { StaffBookingsController } from './infrastructure/http/staff-bookings.controller';
import { bookingsUnitOfWork } from './infrastructure/persistence/bookings.unit-of-work';
import { PitLaneDemoSeeder } from './infrastructure/seed/pit-lane-demo.seeder';

/**
 * The bookings context: each repair shop's service catalog priced per vehicle
 * model, its hours and bays, availability, bookings that the database keeps
 * from overlapping on a bay, and the staff portal. Vehicle models come from the
 * catalog's facade (CatalogModule is global).
 */
@Module({})
export class BookingsModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: BookingsModule,
      global: true,
      imports: [registerQueues(BOOKINGS_QUEUE)],
      controllers: options.serveHttp ? [ShopsController, ServiceCatalogController, BookingsController, StaffBookingsController] : [],
      providers: [
        bookingsUnitOfWork,
        bookingsSettingsProvider,
        { provide: VEHICLE_MODELS, useClass: CatalogVehicleModels },
        { provide: PHONE_PROOF, useClass: IdentityPhoneProof },
        { provide: SHOP_ORGANIZATIONS, useClass: OrganizationsShops },
        { provide: SHOP_CHANGES, useClass: CacheShopChanges },
        { provide: CUSTOMER_MESSAGES, useClass: NotificationCustomerMessages },
        { provide: ONLINE_PAYMENTS, useClass: CommerceOnlinePayments },
        RefundBookingUseCase,
        PayBookingUseCase,
        ConfirmBookingPaymentUseCase,
        ExpireBookingHoldsUseCase,
        ...(options.processJobs ? [BookingsJobsProcessor] : []),
        ShopResponses,
        BookingPlanner,
        CustomerAccess,
        ShopQueries,
        ShopAdminService,
        AvailabilityQuery,
        CustomerBookingQueries,
        StaffBookingQueries,
        CreateBookingUseCase,
        CancelBookingUseCase,
        RescheduleBookingUseCase,
        ChangeBookingStatusUseCase,
        MarkBookingPaidUseCase,
        BookingEventHandlers,
        PitLaneDemoSeeder,
        BookingsApi,
        BookingsAdminApi,
      ],
      exports: [BookingsApi, BookingsAdminApi],
    };
  }
}
