import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { ORG_MANAGER } from '../../../organizations';
import { IdempotentRequests } from '../../application/idempotency';
import {
  ApplyDiscountUseCase,
  CreateDiscountUseCase,
  DeactivateDiscountUseCase,
  DiscountQueries,
  UpdateDiscountUseCase,
  ValidateDiscountUseCase,
} from '../../application/use-cases/discounts.use-cases';
import { OrderDto } from './commerce.response.dto';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503 } from './http-support';
import {
  ApplyCommerceDiscountDto,
  CommerceDiscountDto,
  CommerceDiscountPageDto,
  CommerceDiscountValidationDto,
  CreateCommerceDiscountDto,
  discountChanges,
  discountSettings,
  UpdateCommerceDiscountDto,
  ValidateCommerceDiscountDto,
} from './discounts.dto';

const ORG_404 = 'No such organization, or the caller is not an active member of it (ORGANIZATIONS.NOT_FOUND)';
const DISCOUNT_404 = 'No such discount in this organization (COMMERCE.DISCOUNT_NOT_FOUND)';
const ROLE_403 = 'Managers and principals only (AUTH.FORBIDDEN)';

@ApiTags('commerce')
@Controller('organizations/:orgId/discounts')
@OrganizationFromPath()
@Roles(ORG_MANAGER)
export class DiscountsController {
  constructor(
    private readonly create: CreateDiscountUseCase,
    private readonly update: UpdateDiscountUseCase,
    private readonly deactivate: DeactivateDiscountUseCase,
    private readonly queries: DiscountQueries,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'discounts_create', summary: 'Create a discount code for the organization’s listings' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: CommerceDiscountDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED, COMMERCE.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, ORG_404)
  @ApiProblemResponse(409, 'The organization has this code already, in any case (COMMERCE.DISCOUNT_CODE_TAKEN)')
  async createOne(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: CreateCommerceDiscountDto): Promise<CommerceDiscountDto> {
    return CommerceDiscountDto.from(await this.create.execute(ctx, { orgId, ...discountSettings(body) }));
  }

  @Get()
  @ApiOperation({ operationId: 'discounts_list', summary: 'The organization’s discount codes, newest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: CommerceDiscountPageDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, ORG_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<CommerceDiscountPageDto> {
    return CommerceDiscountPageDto.from(await this.queries.list(ctx, orgId, {}, query.toPageRequest()));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'discounts_get', summary: 'One discount code with its use count' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommerceDiscountDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${ORG_404}; ${DISCOUNT_404}`)
  async get(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('id') id: string): Promise<CommerceDiscountDto> {
    return CommerceDiscountDto.from(await this.queries.get(ctx, orgId, id));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'discounts_update', summary: 'Change a discount code (orders placed already keep their discount)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommerceDiscountDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED, COMMERCE.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${ORG_404}; ${DISCOUNT_404}`)
  @ApiProblemResponse(409, 'The organization has this code already (COMMERCE.DISCOUNT_CODE_TAKEN)')
  async updateOne(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('id') id: string,
    @Body() body: UpdateCommerceDiscountDto,
  ): Promise<CommerceDiscountDto> {
    return CommerceDiscountDto.from(await this.update.execute(ctx, { orgId, id, changes: discountChanges(body) }));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'discounts_deactivate', summary: 'Deactivate a discount code: new orders can no longer use it' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommerceDiscountDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${ORG_404}; ${DISCOUNT_404}`)
  async deactivateOne(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('id') id: string): Promise<CommerceDiscountDto> {
    return CommerceDiscountDto.from(await this.deactivate.execute(ctx, { orgId, id }));
  }
}

@ApiTags('commerce')
@Controller('discounts')
export class DiscountValidationController {
  constructor(
    private readonly validate: ValidateDiscountUseCase,
    private readonly apply: ApplyDiscountUseCase,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Post('apply')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'discounts_apply',
    summary:
      'The buyer applies a code to their order awaiting payment: re-priced by the server, a use reserved (given back on cancel or expiry), the payment attempt replaced for the new total',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, 'No such order, or not the caller’s (COMMERCE.ORDER_NOT_FOUND)')
  @ApiProblemResponse(
    409,
    `The order already has a code (COMMERCE.DISCOUNT_ALREADY_APPLIED); it is no longer awaiting payment (COMMERCE.INVALID_TRANSITION); ${IN_PROGRESS_409}`,
  )
  @ApiProblemResponse(422, `The code does not apply to the order, with the \`reason\` (COMMERCE.DISCOUNT_NOT_APPLICABLE); ${IDEMPOTENCY_422}`)
  @ApiProblemResponse(503, PROVIDER_503)
  async applyOne(@Ctx() ctx: RequestContext, @Body() body: ApplyCommerceDiscountDto, @IdempotencyKey() key?: string): Promise<OrderDto> {
    const result = await this.idempotency.run(ctx, { key, operation: 'discounts.apply', request: body, status: 200 }, async (recoveryId) =>
      OrderDto.from(await this.apply.execute(ctx, { orderId: body.order_id, code: body.code, recoveryId })),
    );
    return result.body;
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'discounts_validate',
    summary: 'What a code would take off a cart (priced by the server, per seller), or why it would not apply. Reserves nothing.',
  })
  @ApiOkResponse({ type: CommerceDiscountValidationDto })
  @ApiProblemResponse(400, 'Invalid cart (HTTP.VALIDATION_FAILED, COMMERCE.VALIDATION_FAILED)')
  @ApiProblemResponse(422, 'A listing is not for sale (COMMERCE.LISTING_UNAVAILABLE); mixed currencies from one seller (COMMERCE.CURRENCY_MISMATCH)')
  async validateOne(@Ctx() ctx: RequestContext, @Body() body: ValidateCommerceDiscountDto): Promise<CommerceDiscountValidationDto> {
    return CommerceDiscountValidationDto.from(
      await this.validate.execute(ctx, { code: body.code, items: body.items.map((i) => ({ listingId: i.listing_id, quantity: i.quantity })) }),
    );
  }
}
