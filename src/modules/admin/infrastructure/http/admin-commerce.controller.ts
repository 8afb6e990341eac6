import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { toSortOrder, type RequestContext } from '../../../../platform/kernel';
import type { DiscountSort, OrderSort, PaymentSort, PayoutSort, RefundSort } from '../../../commerce';
import { AdminCommerce } from '../../application/commerce';
import {
  AdminDiscountDto,
  AdminDiscountPageDto,
  AdminDiscountsQueryDto,
  AdminOptionalReasonDto,
  AdminOrderDetailDto,
  AdminOrderPageDto,
  AdminOrdersQueryDto,
  AdminPaymentPageDto,
  AdminPaymentsQueryDto,
  AdminPayoutDetailDto,
  AdminPayoutDto,
  AdminPayoutPageDto,
  AdminPayoutRetryDto,
  AdminPayoutsQueryDto,
  AdminReasonDto,
  AdminRefundDecisionDto,
  AdminRefundDto,
  AdminRefundPageDto,
  AdminRefundsQueryDto,
} from './admin-commerce.dto';

const NOT_ADMIN = 'Not a platform admin (AUTH.FORBIDDEN)';
const BAD_QUERY = 'A filter or sort outside the allowed values (HTTP.VALIDATION_FAILED)';
const NEWEST = { field: 'created_at', descending: true } as const;

/** Commerce in the operators' console: every organization's orders, payments, refunds, payouts and discount codes. */
@ApiTags('admin')
@Controller('admin')
@Roles(PLATFORM_ADMIN)
export class AdminCommerceController {
  constructor(private readonly commerce: AdminCommerce) {}

  @Get('orders')
  @ApiOperation({
    operationId: 'admin_orders_list',
    summary: 'Every organization’s orders, filtered by status, seller, buyer and creation time, sorted (default newest first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminOrderPageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async orders(@Ctx() ctx: RequestContext, @Query() query: AdminOrdersQueryDto): Promise<AdminOrderPageDto> {
    const filter = {
      status: query.status,
      orgId: query.organization_id,
      buyerUserId: query.buyer_user_id,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    return AdminOrderPageDto.from(await this.commerce.orders(ctx, filter, toSortOrder(query.sort, NEWEST) as OrderSort, query.toPageRequest()));
  }

  @Get('orders/:orderId')
  @ApiOperation({ operationId: 'admin_orders_get', summary: 'An order with its payment attempts and refunds (platform admins)' })
  @ApiOkResponse({ type: AdminOrderDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such order (COMMERCE.ORDER_NOT_FOUND)')
  async order(@Ctx() ctx: RequestContext, @UuidParam('orderId') orderId: string): Promise<AdminOrderDetailDto> {
    return AdminOrderDetailDto.fromDetail(await this.commerce.order(ctx, orderId));
  }

  @Get('payments')
  @ApiOperation({
    operationId: 'admin_payments_list',
    summary: 'Every payment attempt, filtered by status, method, seller and order, sorted (default newest first); never client secrets (platform admins)',
  })
  @ApiOkResponse({ type: AdminPaymentPageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async payments(@Ctx() ctx: RequestContext, @Query() query: AdminPaymentsQueryDto): Promise<AdminPaymentPageDto> {
    const filter = { status: query.status, method: query.method, orgId: query.organization_id, orderId: query.order_id };
    return AdminPaymentPageDto.from(await this.commerce.payments(ctx, filter, toSortOrder(query.sort, NEWEST) as PaymentSort, query.toPageRequest()));
  }

  @Get('refunds')
  @ApiOperation({
    operationId: 'admin_refunds_list',
    summary: 'Every refund, filtered by status (requested: waiting for a decision), seller and order, sorted (default newest first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminRefundPageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async refunds(@Ctx() ctx: RequestContext, @Query() query: AdminRefundsQueryDto): Promise<AdminRefundPageDto> {
    const filter = { status: query.status, orgId: query.organization_id, orderId: query.order_id };
    return AdminRefundPageDto.from(await this.commerce.refunds(ctx, filter, toSortOrder(query.sort, NEWEST) as RefundSort, query.toPageRequest()));
  }

  @Get('refunds/:refundId')
  @ApiOperation({ operationId: 'admin_refunds_get', summary: 'A refund (platform admins)' })
  @ApiOkResponse({ type: AdminRefundDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such refund (COMMERCE.REFUND_NOT_FOUND)')
  async refund(@Ctx() ctx: RequestContext, @UuidParam('refundId') refundId: string): Promise<AdminRefundDto> {
    return AdminRefundDto.from(await this.commerce.refund(ctx, refundId));
  }

  @Post('refunds/:refundId/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_refunds_decide',
    summary:
      'Approve a requested refund (the money goes back through the original method at once) or reject it, with a reason (platform admins; audited as admin.refund_approved / admin.refund_rejected)',
  })
  @ApiOkResponse({ type: AdminRefundDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such refund (COMMERCE.REFUND_NOT_FOUND)')
  @ApiProblemResponse(409, 'The refund was decided otherwise already, or the order cannot be refunded any more (COMMERCE.REFUND_INVALID)')
  @ApiProblemResponse(503, 'The payment provider did not answer; the refund stays approved, deciding again completes it')
  async decideRefund(@Ctx() ctx: RequestContext, @UuidParam('refundId') refundId: string, @Body() body: AdminRefundDecisionDto): Promise<AdminRefundDto> {
    return AdminRefundDto.from(await this.commerce.decideRefund(ctx, { refundId, decision: body.decision, reason: body.reason }));
  }

  @Get('payouts')
  @ApiOperation({
    operationId: 'admin_payouts_list',
    summary: 'Every seller payout, filtered by status (failed: to retry), seller and period, sorted (default newest first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminPayoutPageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async payouts(@Ctx() ctx: RequestContext, @Query() query: AdminPayoutsQueryDto): Promise<AdminPayoutPageDto> {
    const filter = { status: query.status, orgId: query.organization_id, period: query.period };
    return AdminPayoutPageDto.from(await this.commerce.payouts(ctx, filter, toSortOrder(query.sort, NEWEST) as PayoutSort, query.toPageRequest()));
  }

  @Get('payouts/:payoutId')
  @ApiOperation({
    operationId: 'admin_payouts_get',
    summary: 'A payout with a page of its statement lines and its Stripe transfers, one per order (platform admins)',
  })
  @ApiOkResponse({ type: AdminPayoutDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such payout (COMMERCE.PAYOUT_NOT_FOUND)')
  async payout(@Ctx() ctx: RequestContext, @UuidParam('payoutId') payoutId: string, @Query() query: PageQueryDto): Promise<AdminPayoutDetailDto> {
    return AdminPayoutDetailDto.fromDetail(await this.commerce.payout(ctx, payoutId, query.toPageRequest()));
  }

  @Post('payouts/:payoutId/retry')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_payouts_retry',
    summary: 'Retry a failed payout now: a new attempt to the seller’s current connected account (platform admins; audited as admin.payout_retried)',
  })
  @ApiOkResponse({ type: AdminPayoutRetryDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such payout (COMMERCE.PAYOUT_NOT_FOUND)')
  @ApiProblemResponse(409, 'Only a failed payout is retried (COMMERCE.PAYOUT_INVALID_TRANSITION)')
  async retryPayout(@Ctx() ctx: RequestContext, @UuidParam('payoutId') payoutId: string, @Body() body: AdminOptionalReasonDto): Promise<AdminPayoutRetryDto> {
    const { outcome, payout } = await this.commerce.retryPayout(ctx, payoutId, body.reason);
    return { outcome, payout: AdminPayoutDto.from(payout) };
  }

  @Get('discounts')
  @ApiOperation({
    operationId: 'admin_discounts_list',
    summary: 'Every seller’s discount codes, filtered by seller, state and part of the code, sorted (default newest first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminDiscountPageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async discounts(@Ctx() ctx: RequestContext, @Query() query: AdminDiscountsQueryDto): Promise<AdminDiscountPageDto> {
    const filter = { orgId: query.organization_id, active: query.active, code: query.code || undefined };
    return AdminDiscountPageDto.from(await this.commerce.discounts(ctx, filter, toSortOrder(query.sort, NEWEST) as DiscountSort, query.toPageRequest()));
  }

  @Get('discounts/:discountId')
  @ApiOperation({ operationId: 'admin_discounts_get', summary: 'A discount code (platform admins)' })
  @ApiOkResponse({ type: AdminDiscountDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such discount (COMMERCE.DISCOUNT_NOT_FOUND)')
  async discount(@Ctx() ctx: RequestContext, @UuidParam('discountId') discountId: string): Promise<AdminDiscountDto> {
    return AdminDiscountDto.from(await this.commerce.discount(ctx, discountId));
  }

  @Post('discounts/:discountId/deactivate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_discounts_deactivate',
    summary: 'Deactivate a discount code at once, with a reason: no new order can use it (platform admins; idempotent; audited as admin.discount_deactivated)',
  })
  @ApiOkResponse({ type: AdminDiscountDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such discount (COMMERCE.DISCOUNT_NOT_FOUND)')
  async deactivateDiscount(@Ctx() ctx: RequestContext, @UuidParam('discountId') discountId: string, @Body() body: AdminReasonDto): Promise<AdminDiscountDto> {
    return AdminDiscountDto.from(await this.commerce.deactivateDiscount(ctx, discountId, body.reason));
  }
}
