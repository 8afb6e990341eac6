import { Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_MANAGER } from '../../../organizations';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import { ScenarioUseCases } from '../../application/training/scenario.use-cases';
import { SessionUseCases } from '../../application/training/session.use-cases';
import {
  CreateScenarioDto,
  doneEvent,
  ListSessionsQueryDto,
  ProgressDto,
  SayDto,
  ScenarioDto,
  ScenarioPageDto,
  TrainingSessionDto,
  TrainingSessionPageDto,
  StarterSetResultDto,
  StartSessionDto,
  UpdateScenarioDto,
} from './training.dto';

const NOT_A_MEMBER_404 = 'No such organization, or the caller is not an active member of it (ORGANIZATIONS.NOT_FOUND)';
const ROLE_403 =
  'Managers and principals only (AUTH.FORBIDDEN); training is for dealerships (AI.NOT_A_DEALERSHIP); suspended organization (ORGANIZATIONS.SUSPENDED)';
const SCENARIO_404 = `${NOT_A_MEMBER_404}; no such scenario in this dealership (AI.NOT_FOUND)`;
const SESSION_404 = `${NOT_A_MEMBER_404}; no such session visible to the caller (AI.NOT_FOUND): managers see their own, principals the dealership’s`;

@ApiTags('ai')
@Controller('organizations/:orgId/training/scenarios')
@OrganizationFromPath()
@Roles(ORG_MANAGER)
export class TrainingScenariosController {
  constructor(private readonly scenarios: ScenarioUseCases) {}

  @Post()
  @ApiOperation({
    operationId: 'training_scenarios_create',
    summary: 'Create an F&I role-play scenario: customer persona, deal, products, objections, turn limit',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: ScenarioDto })
  @ApiProblemResponse(400, 'Invalid scenario (HTTP.VALIDATION_FAILED, AI.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async create(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: CreateScenarioDto): Promise<ScenarioDto> {
    return ScenarioDto.from(await this.scenarios.create(ctx, orgId, body.toContent()));
  }

  @Post('starter-set')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'training_scenarios_add_starter_set',
    summary: 'Copy the starter scenarios into the dealership (those it already has, by title, are skipped)',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: StarterSetResultDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async starterSet(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<StarterSetResultDto> {
    return { added: await this.scenarios.addStarterSet(ctx, orgId) };
  }

  @Get()
  @ApiOperation({ operationId: 'training_scenarios_list', summary: 'The dealership’s scenarios (not archived), newest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: ScenarioPageDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<ScenarioPageDto> {
    return ScenarioPageDto.from(await this.scenarios.list(ctx, orgId, query.toPageRequest()));
  }

  @Get(':scenarioId')
  @ApiOperation({ operationId: 'training_scenarios_get', summary: 'One scenario (archived ones too)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'scenarioId', format: 'uuid' })
  @ApiOkResponse({ type: ScenarioDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, SCENARIO_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('scenarioId') scenarioId: string): Promise<ScenarioDto> {
    return ScenarioDto.from(await this.scenarios.get(ctx, orgId, scenarioId));
  }

  @Patch(':scenarioId')
  @ApiOperation({ operationId: 'training_scenarios_update', summary: 'Edit a scenario; sessions already played keep their transcript' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'scenarioId', format: 'uuid' })
  @ApiOkResponse({ type: ScenarioDto })
  @ApiProblemResponse(400, 'Invalid changes (HTTP.VALIDATION_FAILED, AI.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${SCENARIO_404}, or archived`)
  async update(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('scenarioId') scenarioId: string,
    @Body() body: UpdateScenarioDto,
  ): Promise<ScenarioDto> {
    return ScenarioDto.from(await this.scenarios.update(ctx, orgId, scenarioId, body.toChanges()));
  }

  @Delete(':scenarioId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'training_scenarios_archive', summary: 'Archive a scenario: it leaves the list and starts no new session. Idempotent.' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'scenarioId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Archived' })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, SCENARIO_404)
  async archive(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('scenarioId') scenarioId: string): Promise<void> {
    await this.scenarios.archive(ctx, orgId, scenarioId);
  }
}

@ApiTags('ai')
@Controller('organizations/:orgId/training')
@OrganizationFromPath()
@Roles(ORG_MANAGER)
export class TrainingSessionsController {
  constructor(private readonly sessions: SessionUseCases) {}

  @Post('sessions')
  @ApiOperation({
    operationId: 'training_sessions_start',
    summary: 'Start a role-play on a scenario; the customer speaks first. `mode` says whether the language model or the scripted customer plays.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: TrainingSessionDto })
  @ApiProblemResponse(400, 'Invalid body (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${NOT_A_MEMBER_404}; no such scenario, or archived (AI.NOT_FOUND)`)
  async start(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: StartSessionDto): Promise<TrainingSessionDto> {
    return TrainingSessionDto.from(await this.sessions.start(ctx, orgId, body.scenario_id));
  }

  @Get('sessions')
  @ApiOperation({ operationId: 'training_sessions_list', summary: 'Training sessions, newest first: a manager’s own, or (principal) the dealership’s' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingSessionPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: ListSessionsQueryDto): Promise<TrainingSessionPageDto> {
    return TrainingSessionPageDto.from(await this.sessions.list(ctx, orgId, { traineeUserId: query.trainee_user_id }, query.toPageRequest()));
  }

  @Get('progress')
  @ApiOperation({
    operationId: 'training_progress',
    summary: 'Progress per trainee (sessions, scores, averages per criterion): a manager’s own, or (principal) everyone’s',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: ProgressDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async progress(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<ProgressDto> {
    return ProgressDto.from(await this.sessions.progress(ctx, orgId));
  }

  @Get('sessions/:sessionId')
  @ApiOperation({ operationId: 'training_sessions_get', summary: 'A session with its transcript and, once finished, its rubric score' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'sessionId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingSessionDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, SESSION_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('sessionId') sessionId: string): Promise<TrainingSessionDto> {
    return TrainingSessionDto.from(await this.sessions.get(ctx, orgId, sessionId));
  }

  @Post('sessions/:sessionId/messages')
  @ApiOperation({
    operationId: 'training_sessions_say',
    summary:
      'Say something to the customer. The reply streams as server-sent events: `delta` events ({text}) then `done` ({reply, turns_left, turns_taken, mode}); `error` ({code, detail}) if the model breaks off (nothing is stored: send again).',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'sessionId', format: 'uuid' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-sent events: delta*, then done or error', schema: { type: 'string' } })
  @ApiProblemResponse(400, 'Invalid body (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, `${ROLE_403}; only the trainee who started it plays it (AI.FORBIDDEN)`)
  @ApiProblemResponse(404, SESSION_404)
  @ApiProblemResponse(
    409,
    'The session is finished (AI.SESSION_FINISHED), its turns are used up (AI.TURN_LIMIT_REACHED), or it changed meanwhile (AI.CONCURRENT_CHANGE)',
  )
  @ApiProblemResponse(429, 'The dealership’s daily AI token budget is spent (AI.BUDGET_EXCEEDED)')
  @ApiProblemResponse(503, 'The language model is unavailable (AI.UNAVAILABLE)')
  async say(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body() body: SayDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const stream = new EventStreamReply(reply);
    try {
      const result = await this.sessions.say(ctx, orgId, sessionId, body.text, (text) => stream.send('delta', { text }));
      stream.send('done', doneEvent(result));
      stream.end();
    } catch (error) {
      // Before the first event the error is an ordinary problem+json answer.
      if (!stream.started) throw error;
      const known = error instanceof DomainError;
      stream.send('error', { code: known ? error.code : 'AI.UNAVAILABLE', detail: known ? error.message : 'The reply broke off.' });
      stream.end();
    }
  }

  @Post('sessions/:sessionId/finish')
  @HttpCode(200)
  @ApiOperation({ operationId: 'training_sessions_finish', summary: 'End the session and score it on the rubric, with a comment per criterion' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'sessionId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingSessionDto })
  @ApiProblemResponse(403, `${ROLE_403}; only the trainee who started it finishes it (AI.FORBIDDEN)`)
  @ApiProblemResponse(404, SESSION_404)
  @ApiProblemResponse(409, 'Already finished (AI.SESSION_FINISHED), or changed meanwhile (AI.CONCURRENT_CHANGE)')
  async finish(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('sessionId') sessionId: string): Promise<TrainingSessionDto> {
    return TrainingSessionDto.from(await this.sessions.finish(ctx, orgId, sessionId));
  }
}

/** Server-sent events on the raw response, opened at the first event (so errors before it stay problem+json). */
class EventStreamReply {
  started = false;

  constructor(private readonly reply: FastifyReply) {}

  send(event: string, data: unknown): void {
    if (!this.started) {
      this.started = true;
      this.reply.hijack();
      this.reply.raw.writeHead(200, {
        ...(this.reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      });
    }
    this.reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    this.reply.raw.end();
  }
}
