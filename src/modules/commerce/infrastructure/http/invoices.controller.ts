import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader, OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_STAFF } from '../../../organizations';
import { Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page, RequestContext } from '../../../../platform/kernel';
import type { Invoice } from '../../domain';
import { InvoiceQueries, SendInvoiceUseCase } from '../../application/use-cases/invoices.use-cases';

const INVOICE_404 = 'No such invoice, or not the caller’s (COMMERCE.INVOICE_NOT_FOUND)';
const NOT_READY_409 = 'The PDF is still being rendered (COMMERCE.INVOICE_NOT_READY)';

export class CommerceInvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INV-2026-000001', description: 'Without gaps per seller organization and year' }) number: string;
  @ApiProperty({ format: 'uuid', description: 'The seller' }) org_id: string;
  @ApiProperty({ format: 'uuid' }) order_id: string;
  @ApiProperty({ format: 'uuid' }) buyer_user_id: string;
  @ApiProperty() total_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'The PDF is stored and can be downloaded' }) ready: boolean;
  @ApiProperty({ format: 'date-time' }) issued_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_sent_at: string | null;

  static from(i: Invoice): CommerceInvoiceDto {
    return {
      id: i.id,
      number: i.number,
      org_id: i.orgId,
      order_id: i.orderId,
      buyer_user_id: i.buyerUserId,
      total_minor: i.totalMinor,
      currency: i.currency,
      ready: i.storageKey !== null,
      issued_at: i.issuedAt.toISOString(),
      last_sent_at: i.lastSentAt ? i.lastSentAt.toISOString() : null,
    };
  }
}

export class CommerceInvoicePageDto {
  @ApiProperty({ type: [CommerceInvoiceDto] }) data: CommerceInvoiceDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<Invoice>): CommerceInvoicePageDto {
    return { data: page.data.map(CommerceInvoiceDto.from), meta: page.meta };
  }
}

export class CommerceInvoiceDownloadDto {
  @ApiProperty({ description: 'A signed link to the PDF; anyone holding it may GET it until it expires' }) url: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
}

@ApiTags('commerce')
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly queries: InvoiceQueries,
    private readonly send: SendInvoiceUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'invoices_list_mine', summary: 'The caller’s invoices as a buyer, newest first' })
  @ApiOkResponse({ type: CommerceInvoicePageDto })
  async mine(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<CommerceInvoicePageDto> {
    return CommerceInvoicePageDto.from(await this.queries.listMine(ctx, query.toPageRequest()));
  }

  @Get(':id')
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'invoices_get', summary: 'An invoice: for its buyer and the seller’s members (X-Organization-Id)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommerceInvoiceDto })
  @ApiProblemResponse(404, INVOICE_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<CommerceInvoiceDto> {
    return CommerceInvoiceDto.from(await this.queries.get(ctx, id));
  }

  @Get(':id/download')
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'invoices_download', summary: 'A short-lived signed link to the invoice’s PDF (INVOICE_LINK_TTL_SECONDS)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommerceInvoiceDownloadDto })
  @ApiProblemResponse(404, INVOICE_404)
  @ApiProblemResponse(409, NOT_READY_409)
  async download(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<CommerceInvoiceDownloadDto> {
    const link = await this.queries.downloadLink(ctx, id);
    return { url: link.url, expires_at: link.expiresAt.toISOString() };
  }

  @Post(':id/send')
  @HttpCode(200)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({
    operationId: 'invoices_send',
    summary: 'E-mail the invoice to its buyer (through the mail outbox); at most MAIL_RATE_LIMIT_MAX (3) times per MAIL_RATE_LIMIT_TTL_MS (15 min) per invoice',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommerceInvoiceDto })
  @ApiProblemResponse(404, INVOICE_404)
  @ApiProblemResponse(409, NOT_READY_409)
  @ApiProblemResponse(
    429,
    'This invoice was e-mailed MAIL_RATE_LIMIT_MAX times within MAIL_RATE_LIMIT_TTL_MS: see Retry-After (COMMERCE.INVOICE_MAIL_RATE_LIMITED)',
  )
  async sendMail(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<CommerceInvoiceDto> {
    return CommerceInvoiceDto.from(await this.send.execute(ctx, { invoiceId: id, downloadUrl: `/api/v1/invoices/${id}/download` }));
  }
}

@ApiTags('commerce')
@Controller('organizations/:orgId/invoices')
@OrganizationFromPath()
@Roles(ORG_STAFF)
@AcceptsApiKey()
export class SellerInvoicesController {
  constructor(private readonly queries: InvoiceQueries) {}

  @Get()
  @ApiOperation({ operationId: 'seller_invoices_list', summary: 'The organization’s invoices as a seller, newest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: CommerceInvoicePageDto })
  @ApiProblemResponse(403, 'The caller’s role is not enough (AUTH.FORBIDDEN)')
  @ApiProblemResponse(404, 'No such organization, or the caller is not an active member of it (ORGANIZATIONS.NOT_FOUND)')
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<CommerceInvoicePageDto> {
    return CommerceInvoicePageDto.from(await this.queries.listForSeller(ctx, orgId, query.toPageRequest()));
  }
}
