import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import { sortChoices, type Page } from '../../../../platform/kernel';
import {
  DISCOUNT_SORTS,
  ORDER_SORTS,
  ORDER_STATUSES,
  PAYMENT_SORTS,
  PAYOUT_SORTS,
  REFUND_SORTS,
  type AdminDiscountView,
  type AdminOrderDetail,
  type AdminOrderView,
  type AdminPaymentView,
  type AdminPayoutDetail,
  type AdminPayoutLine,
  type AdminPayoutTransfer,
  type AdminPayoutView,
  type AdminRefundView,
} from '../../../commerce';

const REASON = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

const PAYMENT_STATUSES = ['requires_payment', 'processing', 'succeeded', 'failed', 'cancelled', 'returning', 'returned'] as const;
const PAYMENT_METHODS = ['card', 'wallet', 'cash', 'razorpay', 'free'] as const;
const REFUND_STATUSES = ['requested', 'approved', 'completed', 'rejected'] as const;
const PAYOUT_STATUSES = ['requested', 'paid', 'failed'] as const;

const sortDoc = (fields: readonly string[], fallback: string) => ({
  enum: sortChoices(fields),
  description: `The order: a field, descending with a leading "-" (default ${fallback})`,
});

// ---------------------------------------------------------------- queries

export class AdminOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: (typeof ORDER_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid', description: 'The selling organization' }) @IsOptional() @IsUUID() organization_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The buyer’s account' }) @IsOptional() @IsUUID() buyer_user_id?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional(sortDoc(ORDER_SORTS, '-created_at')) @IsOptional() @IsIn(sortChoices(ORDER_SORTS)) sort?: string;
}

export class AdminPaymentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES }) @IsOptional() @IsIn(PAYMENT_STATUSES) status?: (typeof PAYMENT_STATUSES)[number];
  @ApiPropertyOptional({ enum: PAYMENT_METHODS }) @IsOptional() @IsIn(PAYMENT_METHODS) method?: (typeof PAYMENT_METHODS)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organization_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() order_id?: string;
  @ApiPropertyOptional(sortDoc(PAYMENT_SORTS, '-created_at')) @IsOptional() @IsIn(sortChoices(PAYMENT_SORTS)) sort?: string;
}

export class AdminRefundsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFUND_STATUSES }) @IsOptional() @IsIn(REFUND_STATUSES) status?: (typeof REFUND_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organization_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() order_id?: string;
  @ApiPropertyOptional(sortDoc(REFUND_SORTS, '-created_at')) @IsOptional() @IsIn(sortChoices(REFUND_SORTS)) sort?: string;
}

export class AdminPayoutsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYOUT_STATUSES }) @IsOptional() @IsIn(PAYOUT_STATUSES) status?: (typeof PAYOUT_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organization_id?: string;
  @ApiPropertyOptional({ example: '2026-11', description: 'The month paid (YYYY-MM)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month, YYYY-MM' })
  period?: string;
  @ApiPropertyOptional(sortDoc(PAYOUT_SORTS, '-created_at')) @IsOptional() @IsIn(sortChoices(PAYOUT_SORTS)) sort?: string;
}

export class AdminDiscountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organization_id?: string;
  @ApiPropertyOptional({ type: Boolean }) @IsOptional() @Transform(bool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ maxLength: 40, description: 'Part of the code, case-insensitive' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9_-]*$/, { message: 'code may hold letters, digits, - and _ only' })
  code?: string;
  @ApiPropertyOptional(sortDoc(DISCOUNT_SORTS, '-created_at')) @IsOptional() @IsIn(sortChoices(DISCOUNT_SORTS)) sort?: string;
}

// ---------------------------------------------------------------- bodies

export class AdminRefundDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'], description: 'approve: the money goes back through the original method at once' })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why (kept in the audit log; a rejection’s reason is kept on the refund)' })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason: string;
}

export class AdminReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why (kept in the audit log)' })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason: string;
}

export class AdminOptionalReasonDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 1000, description: 'Why (kept in the audit log)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason?: string;
}

// ---------------------------------------------------------------- responses

export class AdminOrderLineDto {
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() unit_price_minor: number;
  @ApiProperty() quantity: number;
  @ApiProperty() subtotal_minor: number;
  @ApiProperty() discount_minor: number;
}

export class AdminOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) checkout_id: string;
  @ApiProperty({ format: 'uuid' }) seller_org_id: string;
  @ApiProperty({ format: 'uuid' }) buyer_user_id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: [AdminOrderLineDto] }) lines: AdminOrderLineDto[];
  @ApiProperty({ description: 'Minor units' }) subtotal_minor: number;
  @ApiProperty() discount_minor: number;
  @ApiProperty() total_minor: number;
  @ApiProperty() refunded_minor: number;
  @ApiProperty({ nullable: true, type: String }) discount_code: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paid_at: string | null;

  static from(o: AdminOrderView): AdminOrderDto {
    return {
      id: o.id,
      checkout_id: o.checkoutId,
      seller_org_id: o.sellerOrgId,
      buyer_user_id: o.buyerUserId,
      status: o.status,
      currency: o.currency,
      lines: o.lines.map((l) => ({
        listing_id: l.listingId,
        kind: l.kind,
        title: l.title,
        unit_price_minor: l.unitPriceMinor,
        quantity: l.quantity,
        subtotal_minor: l.subtotalMinor,
        discount_minor: l.discountMinor,
      })),
      subtotal_minor: o.subtotalMinor,
      discount_minor: o.discountMinor,
      total_minor: o.totalMinor,
      refunded_minor: o.refundedMinor,
      discount_code: o.discountCode,
      created_at: o.createdAt.toISOString(),
      updated_at: o.updatedAt.toISOString(),
      paid_at: iso(o.paidAt),
    };
  }
}

export class AdminOrderPageDto {
  @ApiProperty({ type: [AdminOrderDto] }) data: AdminOrderDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminOrderView>): AdminOrderPageDto {
    return { data: page.data.map(AdminOrderDto.from), meta: page.meta };
  }
}

export class AdminPaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ format: 'uuid' }) order_id: string;
  @ApiProperty({ format: 'uuid' }) buyer_user_id: string;
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: PAYMENT_METHODS }) method: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: string;
  @ApiProperty({ description: 'Minor units' }) amount_minor: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ nullable: true, type: String, description: 'The provider’s id (Stripe PaymentIntent, Razorpay order)' }) provider_ref: string | null;
  @ApiProperty({ nullable: true, type: String }) failure_reason: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(p: AdminPaymentView): AdminPaymentDto {
    return {
      id: p.id,
      org_id: p.orgId,
      order_id: p.orderId,
      buyer_user_id: p.buyerUserId,
      attempt: p.attempt,
      method: p.method,
      status: p.status,
      amount_minor: p.amountMinor,
      currency: p.currency,
      provider_ref: p.providerRef,
      failure_reason: p.failureReason,
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
    };
  }
}

export class AdminPaymentPageDto {
  @ApiProperty({ type: [AdminPaymentDto] }) data: AdminPaymentDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminPaymentView>): AdminPaymentPageDto {
    return { data: page.data.map(AdminPaymentDto.from), meta: page.meta };
  }
}

export class AdminRefundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ format: 'uuid' }) order_id: string;
  @ApiProperty({ format: 'uuid' }) buyer_user_id: string;
  @ApiProperty({ description: 'Minor units' }) amount_minor: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Why it was asked for' }) reason: string;
  @ApiProperty({ enum: REFUND_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why an operator rejected it' }) decision_reason: string | null;
  @ApiProperty({ nullable: true, type: String }) provider_ref: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) requested_by: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approved_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(r: AdminRefundView): AdminRefundDto {
    return {
      id: r.id,
      org_id: r.orgId,
      order_id: r.orderId,
      buyer_user_id: r.buyerUserId,
      amount_minor: r.amountMinor,
      currency: r.currency,
      reason: r.reason,
      status: r.status,
      decision_reason: r.decisionReason ?? null,
      provider_ref: r.providerRef,
      requested_by: r.requestedBy,
      approved_by: r.approvedBy,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    };
  }
}

export class AdminRefundPageDto {
  @ApiProperty({ type: [AdminRefundDto] }) data: AdminRefundDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminRefundView>): AdminRefundPageDto {
    return { data: page.data.map(AdminRefundDto.from), meta: page.meta };
  }
}

export class AdminOrderDetailDto extends AdminOrderDto {
  @ApiProperty({ type: [AdminPaymentDto], description: 'Attempts, oldest first' }) payments: AdminPaymentDto[];
  @ApiProperty({ type: [AdminRefundDto], description: 'Refunds, oldest first' }) refunds: AdminRefundDto[];

  static fromDetail(detail: AdminOrderDetail): AdminOrderDetailDto {
    return { ...AdminOrderDto.from(detail.order), payments: detail.payments.map(AdminPaymentDto.from), refunds: detail.refunds.map(AdminRefundDto.from) };
  }
}

export class AdminPayoutDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ description: 'Minor units' }) amount_minor: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ enum: PAYOUT_STATUSES }) status: string;
  @ApiProperty() attempt: number;
  @ApiProperty({ description: 'The connected account paid' }) destination: string;
  @ApiProperty({ nullable: true, type: String }) transfer_id: string | null;
  @ApiProperty({ nullable: true, type: String }) failure_reason: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paid_at: string | null;

  static from(p: AdminPayoutView): AdminPayoutDto {
    return {
      id: p.id,
      org_id: p.orgId,
      period: p.period,
      amount_minor: p.amountMinor,
      currency: p.currency,
      status: p.status,
      attempt: p.attempt,
      destination: p.destination,
      transfer_id: p.transferId,
      failure_reason: p.failureReason,
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
      paid_at: iso(p.paidAt),
    };
  }
}

export class AdminPayoutPageDto {
  @ApiProperty({ type: [AdminPayoutDto] }) data: AdminPayoutDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminPayoutView>): AdminPayoutPageDto {
    return { data: page.data.map(AdminPayoutDto.from), meta: page.meta };
  }
}

export class AdminPayoutLineDto {
  @ApiProperty({ format: 'uuid' }) posting_id: string;
  @ApiProperty({ description: 'order.paid, refund.completed…' }) kind: string;
  @ApiProperty({ description: 'The order or refund id' }) reference: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) order_id: string | null;
  @ApiProperty({ description: 'Signed minor units: a refund is negative' }) amount_minor: number;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;

  static from(l: AdminPayoutLine): AdminPayoutLineDto {
    return {
      posting_id: l.postingId,
      kind: l.entryKind,
      reference: l.reference,
      order_id: l.orderId,
      amount_minor: l.amountMinor,
      occurred_at: l.occurredAt.toISOString(),
    };
  }
}

export class AdminPayoutLinePageDto {
  @ApiProperty({ type: [AdminPayoutLineDto] }) data: AdminPayoutLineDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class AdminPayoutTransferDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The order it pays; null for a balance without an order' }) order_id: string | null;
  @ApiProperty({ description: 'Minor units: the order’s net in this payout, less its share of negative balances' }) amount_minor: number;
  @ApiProperty({ example: 'order_6f1c…', description: 'Stripe transfer_group: order_<order id> (payout_<payout id> for a balance without an order)' })
  transfer_group: string;
  @ApiProperty({ type: String, nullable: true, description: 'The card charge (ch_…) that funds it; null when the order was paid otherwise' })
  source_transaction: string | null;
  @ApiProperty({ enum: ['pending', 'paid', 'failed'] }) status: string;
  @ApiProperty({ description: 'Attempts made for this transfer' }) attempt: number;
  @ApiProperty({ type: String, nullable: true, description: 'The Stripe transfer (tr_…), once paid' }) transfer_id: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why Stripe refused it' }) failure_reason: string | null;

  static from(t: AdminPayoutTransfer): AdminPayoutTransferDto {
    return {
      order_id: t.orderId,
      amount_minor: t.amountMinor,
      transfer_group: t.transferGroup,
      source_transaction: t.sourceTransaction,
      status: t.status,
      attempt: t.attempt,
      transfer_id: t.transferId,
      failure_reason: t.failureReason,
    };
  }
}

export class AdminPayoutDetailDto extends AdminPayoutDto {
  @ApiProperty({ type: AdminPayoutLinePageDto, description: 'The statement: a page of its lines, oldest first (page and limit apply)' })
  lines: AdminPayoutLinePageDto;
  @ApiProperty({ type: [AdminPayoutTransferDto], description: 'Its Stripe transfers, one per order, in the order they are made; they sum to amount_minor' })
  transfers: AdminPayoutTransferDto[];

  static fromDetail(detail: AdminPayoutDetail): AdminPayoutDetailDto {
    return {
      ...AdminPayoutDto.from(detail.payout),
      lines: { data: detail.lines.data.map(AdminPayoutLineDto.from), meta: detail.lines.meta },
      transfers: detail.transfers.map(AdminPayoutTransferDto.from),
    };
  }
}

export class AdminPayoutRetryDto {
  @ApiProperty({ enum: ['paid', 'failed', 'pending', 'in_progress', 'already_paid', 'below_minimum', 'not_onboarded'] }) outcome: string;
  @ApiProperty({ type: AdminPayoutDto }) payout: AdminPayoutDto;
}

export class AdminDiscountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty() code: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: ['percentage', 'fixed'] }) type: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Percentage in basis points (1000 = 10 %)' }) percent_bps: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Fixed amount, minor units' }) amount_minor: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty() min_order_minor: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) starts_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ends_at: string | null;
  @ApiProperty({ nullable: true, type: Number }) max_uses: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_uses_per_customer: number | null;
  @ApiProperty() uses_count: number;
  @ApiProperty({ enum: ['organization', 'listings', 'kinds'] }) scope: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(d: AdminDiscountView): AdminDiscountDto {
    return {
      id: d.id,
      org_id: d.orgId,
      code: d.code,
      description: d.description,
      type: d.value.type,
      percent_bps: d.value.type === 'percentage' ? d.value.percentBps : null,
      amount_minor: d.value.type === 'fixed' ? d.value.amountMinor : null,
      currency: d.currency,
      min_order_minor: d.minOrderMinor,
      starts_at: iso(d.startsAt),
      ends_at: iso(d.endsAt),
      max_uses: d.maxUses,
      max_uses_per_customer: d.maxUsesPerCustomer,
      uses_count: d.usesCount,
      scope: d.scope.type,
      active: d.active,
      created_at: d.createdAt.toISOString(),
      updated_at: d.updatedAt.toISOString(),
    };
  }
}

export class AdminDiscountPageDto {
  @ApiProperty({ type: [AdminDiscountDto] }) data: AdminDiscountDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminDiscountView>): AdminDiscountPageDto {
    return { data: page.data.map(AdminDiscountDto.from), meta: page.meta };
  }
}
