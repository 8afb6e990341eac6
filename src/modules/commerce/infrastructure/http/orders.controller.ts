import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader, OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_STAFF } from '../../../organizations';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { IdempotentRequests } from '../../application/idempotency';
import { OrderQueries } from '../../application/queries/order.queries';
import { AdvanceOrderUseCase, CancelOrderUseCase, SellerStep } from '../../application/use-cases/change-order-status.use-case';
import { PlaceOrderUseCase } from '../../application/use-cases/place-order.use-case';
import { OrderListQueryDto, PlaceOrderDto } from './commerce.request.dto';
import { CheckoutDto, OrderDto, OrderPageDto } from './commerce.response.dto';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503 } from './http-support';

const ORDER_404 = 'No such order, or not the caller’s (COMMERCE.ORDER_NOT_FOUND)';
const TRANSITION_409 = 'The order’s status does not allow this (COMMERCE.INVALID_TRANSITION)';
const SELLER_403 = 'Only the seller or a platform admin may do this (COMMERCE.FORBIDDEN, AUTH.FORBIDDEN)';

@ApiTags('commerce')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderUseCase,
    private readonly advance: AdvanceOrderUseCase,
    private readonly cancelOrder: CancelOrderUseCase,
    private readonly queries: OrderQueries,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'orders_create',
    summary:
      'Check out a cart: listings and quantities, priced by the server. One order per seller; stock is reserved; each order gets a payment (card: a Stripe PaymentIntent whose client_secret confirms it; wallet: paid at once).',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CheckoutDto })
  @ApiProblemResponse(400, 'Invalid cart (HTTP.VALIDATION_FAILED, COMMERCE.VALIDATION_FAILED, COMMERCE.IDEMPOTENCY_KEY_INVALID)')
  @ApiProblemResponse(409, `Not enough stock (COMMERCE.OUT_OF_STOCK); ${IN_PROGRESS_409}`)
  @ApiProblemResponse(
    422,
    `A listing is not for sale (COMMERCE.LISTING_UNAVAILABLE); the discount code does not apply (COMMERCE.DISCOUNT_NOT_APPLICABLE, with a reason); the wallet balance is too low (COMMERCE.INSUFFICIENT_FUNDS); ${IDEMPOTENCY_422}`,
  )
  @ApiProblemResponse(503, PROVIDER_503)
  async create(@Ctx() ctx: RequestContext, @Body() body: PlaceOrderDto, @IdempotencyKey() key?: string): Promise<CheckoutDto> {
    const result = await this.idempotency.run(ctx, { key, operation: 'orders.create', request: body, status: 201 }, async (recoveryId) =>
      CheckoutDto.from(
        await this.placeOrder.execute(ctx, {
          items: body.items.map((item) => ({ listingId: item.listing_id, quantity: item.quantity })),
          paymentMethod: body.payment_method ?? 'card',
          discountCode: body.discount_code,
          recoveryId,
        }),
      ),
    );
    return result.body;
  }

  @Get()
  @ApiOperation({ operationId: 'orders_list_mine', summary: 'The caller’s orders as a buyer, newest first' })
  @ApiOkResponse({ type: OrderPageDto })
  async listMine(@Ctx() ctx: RequestContext, @Query() query: OrderListQueryDto): Promise<OrderPageDto> {
    return OrderPageDto.from(await this.queries.listMine(ctx, { status: query.status }, query.toPageRequest()));
  }

  @Get(':id')
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'orders_get', summary: 'An order with its payments: for its buyer, its seller’s members and keys, platform admins' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(404, ORDER_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<OrderDto> {
    return OrderDto.from(await this.queries.get(ctx, id));
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles(ORG_STAFF, PLATFORM_ADMIN)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'orders_confirm', summary: 'The seller confirms a paid order (X-Organization-Id: the seller)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(403, SELLER_403)
  @ApiProblemResponse(404, ORDER_404)
  @ApiProblemResponse(409, TRANSITION_409)
  confirm(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<OrderDto> {
    return this.step(ctx, id, 'confirm');
  }

  @Post(':id/ship')
  @HttpCode(200)
  @Roles(ORG_STAFF, PLATFORM_ADMIN)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'orders_ship', summary: 'The seller ships a confirmed order' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(403, SELLER_403)
  @ApiProblemResponse(404, ORDER_404)
  @ApiProblemResponse(409, TRANSITION_409)
  ship(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<OrderDto> {
    return this.step(ctx, id, 'ship');
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Roles(ORG_STAFF, PLATFORM_ADMIN)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'orders_deliver', summary: 'The seller marks a shipped order delivered' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(403, SELLER_403)
  @ApiProblemResponse(404, ORDER_404)
  @ApiProblemResponse(409, TRANSITION_409)
  deliver(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<OrderDto> {
    return this.step(ctx, id, 'deliver');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'orders_cancel', summary: 'Cancel an unpaid order (buyer, seller or platform admin); its stock is released' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(403, SELLER_403)
  @ApiProblemResponse(404, ORDER_404)
  @ApiProblemResponse(409, `${TRANSITION_409}: a paid order is refunded instead`)
  async cancel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<OrderDto> {
    return OrderDto.from(await this.cancelOrder.execute(ctx, { orderId: id }));
  }

  private async step(ctx: RequestContext, id: string, step: SellerStep): Promise<OrderDto> {
    return OrderDto.from(await this.advance.execute(ctx, { orderId: id, step }));
  }
}

@ApiTags('commerce')
@Controller('organizations/:orgId/orders')
@OrganizationFromPath()
@Roles(ORG_STAFF)
@AcceptsApiKey()
export class SellerOrdersController {
  constructor(private readonly queries: OrderQueries) {}

  @Get()
  @ApiOperation({ operationId: 'seller_orders_list', summary: 'The organization’s orders as a seller, newest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblemResponse(403, 'The caller’s role is not enough (AUTH.FORBIDDEN)')
  @ApiProblemResponse(404, 'No such organization, or the caller is not an active member of it (ORGANIZATIONS.NOT_FOUND)')
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: OrderListQueryDto): Promise<OrderPageDto> {
    return OrderPageDto.from(await this.queries.listForSeller(ctx, orgId, { status: query.status }, query.toPageRequest()));
  }
}
