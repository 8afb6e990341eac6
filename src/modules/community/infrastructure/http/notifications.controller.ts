import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { MarkAllNotificationsReadUseCase, MarkNotificationReadUseCase } from '../../application/notifications/mark-read.use-case';
import { NotificationQueries } from '../../application/notifications/notification.queries';
import { NotificationPreferencesQuery, UpdateNotificationPreferencesUseCase } from '../../application/notifications/preferences.use-case';
import { UnsubscribeUseCase } from '../../application/notifications/unsubscribe.use-case';
import {
  ListNotificationsQueryDto,
  MarkedReadDto,
  NotificationDto,
  NotificationPageDto,
  PreferencesDto,
  UnreadCountDto,
  UnsubscribeDto,
  UnsubscribeResultDto,
  UnsubscribeTokenQueryDto,
  UpdatePreferencesDto,
} from './notifications.dto';

const DEFAULT_LIMIT = 20;
const INVALID_LINK_422 = 'The link was altered, has expired or is meant for something else (COMMUNITY.INVALID_LINK)';

@ApiTags('community')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly queries: NotificationQueries,
    private readonly markOne: MarkNotificationReadUseCase,
    private readonly markAll: MarkAllNotificationsReadUseCase,
    private readonly preferences: NotificationPreferencesQuery,
    private readonly updatePreferences: UpdateNotificationPreferencesUseCase,
    private readonly unsubscribe: UnsubscribeUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'notifications_list',
    summary: 'The caller’s notifications, latest activity first (cursor pagination), with the exact unread count',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblemResponse(400, 'Invalid query or cursor (HTTP.VALIDATION_FAILED, COMMUNITY.INVALID_CURSOR)')
  async list(@Ctx() ctx: RequestContext, @Query() query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    return NotificationPageDto.from(
      await this.queries.list(ctx, { cursor: query.cursor, limit: query.limit ?? DEFAULT_LIMIT, unreadOnly: query.unread_only ?? false }),
    );
  }

  @Get('unread-count')
  @ApiOperation({ operationId: 'notifications_unread_count', summary: 'The exact number of the caller’s unread notifications' })
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@Ctx() ctx: RequestContext): Promise<UnreadCountDto> {
    return { unread_count: await this.queries.unreadCount(ctx) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ operationId: 'notifications_mark_all_read', summary: 'Mark every notification of the caller read' })
  @ApiOkResponse({ type: MarkedReadDto })
  async readAll(@Ctx() ctx: RequestContext): Promise<MarkedReadDto> {
    return this.markAll.execute(ctx);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ operationId: 'notifications_mark_read', summary: 'Mark one notification read (its group closes: the next like event starts a new one)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblemResponse(404, 'No such notification of the caller (COMMUNITY.NOTIFICATION_NOT_FOUND)')
  async read(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<NotificationDto> {
    return NotificationDto.from(await this.markOne.execute(ctx, { id }));
  }

  @Get('preferences')
  @ApiOperation({
    operationId: 'notifications_preferences_get',
    summary: 'The caller’s channels (in-app, e-mail, live) per notification type and e-mail delivery',
  })
  @ApiOkResponse({ type: PreferencesDto })
  async getPreferences(@Ctx() ctx: RequestContext): Promise<PreferencesDto> {
    return PreferencesDto.from(await this.preferences.execute(ctx));
  }

  @Put('preferences')
  @ApiOperation({
    operationId: 'notifications_preferences_update',
    summary: 'Change channels for some types (fields left out keep their value) and e-mail delivery (immediate or digest)',
  })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  async putPreferences(@Ctx() ctx: RequestContext, @Body() body: UpdatePreferencesDto): Promise<PreferencesDto> {
    const changes = (body.types ?? []).map((t) => ({ type: t.type, inApp: t.in_app, email: t.email, live: t.live }));
    return PreferencesDto.from(await this.updatePreferences.execute(ctx, { emailDelivery: body.email_delivery, changes }));
  }

  @Get('unsubscribe')
  @Public()
  @ApiOperation({
    operationId: 'notifications_unsubscribe_describe',
    summary: 'What an e-mail’s unsubscribe link stops, and whether it is stopped (changes nothing; no sign-in)',
  })
  @ApiOkResponse({ type: UnsubscribeResultDto })
  @ApiProblemResponse(400, 'Malformed token (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(422, INVALID_LINK_422)
  async describeUnsubscribe(@Ctx() ctx: RequestContext, @Query() query: UnsubscribeTokenQueryDto): Promise<UnsubscribeResultDto> {
    return UnsubscribeResultDto.from(await this.unsubscribe.describe(ctx, query.token));
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'notifications_unsubscribe', summary: 'Stop the e-mails an unsubscribe link names (no sign-in: the signed token is the proof)' })
  @ApiOkResponse({ type: UnsubscribeResultDto })
  @ApiProblemResponse(400, 'Malformed token (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(422, INVALID_LINK_422)
  async doUnsubscribe(@Ctx() ctx: RequestContext, @Body() body: UnsubscribeDto): Promise<UnsubscribeResultDto> {
    return UnsubscribeResultDto.from(await this.unsubscribe.execute(ctx, body.token));
  }
}
