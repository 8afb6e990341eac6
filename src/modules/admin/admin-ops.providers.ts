import type { Type } from '@nestjs/common';
import { AdminBookings } from './application/bookings';
import { AdminCommerce } from './application/commerce';
import { AdminFeatured } from './application/featured';
import { AdminBookingsController } from './infrastructure/http/admin-bookings.controller';
import { AdminCommerceController } from './infrastructure/http/admin-commerce.controller';
import { AdminFeaturedController } from './infrastructure/http/admin-featured.controller';

/** Commerce (orders, payments, refunds, payouts, discounts, featured placements) and bookings in the console. */
export const ADMIN_OPS_CONTROLLERS: Type[] = [AdminCommerceController, AdminFeaturedController, AdminBookingsController];
export const ADMIN_OPS_PROVIDERS: Type[] = [AdminCommerce, AdminFeatured, AdminBookings];
