import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { SessionSummary, TraineeProgress } from '../../application/training-ports';
import type { TurnResult } from '../../application/training/session.use-cases';
import {
  DIFFICULTIES,
  type Difficulty,
  FI_PRODUCTS,
  type FiProduct,
  MAX_OBJECTIONS,
  MAX_TURNS,
  MIN_TURNS,
  type Scenario,
  type ScenarioContent,
  TEXT_MAX,
  TITLE_MAX,
} from '../../domain/training/scenario';
import { RUBRIC_CRITERIA, type RubricCriterion, type SessionState } from '../../domain/training/session';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
const MESSAGE_MAX = 2000;
const MAX_PRICE_MINOR = 100_000_000_00;
const NotNullIfPresent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class PersonaDto {
  @ApiProperty({ maxLength: 80, example: 'Jordan Lee' }) @Trim() @IsString() @Length(1, 80) @Matches(PRINTABLE) name: string;
  @ApiProperty({ maxLength: TEXT_MAX }) @Trim() @IsString() @Length(1, TEXT_MAX) @Matches(PRINTABLE) background: string;
  @ApiProperty({ maxLength: TEXT_MAX }) @Trim() @IsString() @Length(1, TEXT_MAX) @Matches(PRINTABLE) temperament: string;
}

export class DealDto {
  @ApiProperty({ maxLength: 120, example: '2025 Honda Civic Sport' }) @Trim() @IsString() @Length(1, 120) @Matches(PRINTABLE) vehicle: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PRICE_MINOR }) @IsInt() @Min(1) @Max(MAX_PRICE_MINOR) price_minor: number;
  @ApiProperty({ example: 'USD' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' }) currency: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120 }) @IsInt() @Min(1) @Max(120) term_months: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PRICE_MINOR }) @IsInt() @Min(1) @Max(MAX_PRICE_MINOR) monthly_payment_minor: number;
}

export class CreateScenarioDto {
  @ApiProperty({ maxLength: TITLE_MAX }) @Trim() @IsString() @Length(1, TITLE_MAX) @Matches(PRINTABLE) title: string;
  @ApiProperty({ type: PersonaDto }) @ValidateNested() @Type(() => PersonaDto) persona: PersonaDto;
  @ApiProperty({ type: DealDto }) @ValidateNested() @Type(() => DealDto) deal: DealDto;
  @ApiProperty({ enum: FI_PRODUCTS, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FI_PRODUCTS.length)
  @IsIn(FI_PRODUCTS, { each: true })
  products: FiProduct[];
  @ApiProperty({ type: String, isArray: true, minItems: 1, maxItems: MAX_OBJECTIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OBJECTIONS)
  @IsString({ each: true })
  @Length(1, TEXT_MAX, { each: true })
  @Matches(PRINTABLE, { each: true })
  objections: string[];
  @ApiProperty({ enum: DIFFICULTIES }) @IsIn(DIFFICULTIES) difficulty: Difficulty;
  @ApiProperty({ type: 'integer', minimum: MIN_TURNS, maximum: MAX_TURNS }) @IsInt() @Min(MIN_TURNS) @Max(MAX_TURNS) max_turns: number;

  toContent(): ScenarioContent {
    return {
      title: this.title,
      persona: { ...this.persona },
      deal: dealOf(this.deal),
      products: this.products,
      objections: this.objections,
      difficulty: this.difficulty,
      maxTurns: this.max_turns,
    };
  }
}

export class UpdateScenarioDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX }) @NotNullIfPresent() @Trim() @IsString() @Length(1, TITLE_MAX) @Matches(PRINTABLE) title?: string;
  @ApiPropertyOptional({ type: PersonaDto }) @NotNullIfPresent() @ValidateNested() @Type(() => PersonaDto) persona?: PersonaDto;
  @ApiPropertyOptional({ type: DealDto, description: 'The whole deal' }) @NotNullIfPresent() @ValidateNested() @Type(() => DealDto) deal?: DealDto;
  @ApiPropertyOptional({ enum: FI_PRODUCTS, isArray: true })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FI_PRODUCTS.length)
  @IsIn(FI_PRODUCTS, { each: true })
  products?: FiProduct[];
  @ApiPropertyOptional({ type: String, isArray: true })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OBJECTIONS)
  @IsString({ each: true })
  @Length(1, TEXT_MAX, { each: true })
  @Matches(PRINTABLE, { each: true })
  objections?: string[];
  @ApiPropertyOptional({ enum: DIFFICULTIES }) @NotNullIfPresent() @IsIn(DIFFICULTIES) difficulty?: Difficulty;
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_TURNS, maximum: MAX_TURNS })
  @NotNullIfPresent()
  @IsInt()
  @Min(MIN_TURNS)
  @Max(MAX_TURNS)
  max_turns?: number;

  toChanges(): Partial<ScenarioContent> {
    return {
      title: this.title,
      persona: this.persona ? { ...this.persona } : undefined,
      deal: this.deal ? dealOf(this.deal) : undefined,
      products: this.products,
      objections: this.objections,
      difficulty: this.difficulty,
      maxTurns: this.max_turns,
    };
  }
}

function dealOf(deal: DealDto) {
  return {
    vehicle: deal.vehicle,
    priceMinor: deal.price_minor,
    currency: deal.currency,
    termMonths: deal.term_months,
    monthlyPaymentMinor: deal.monthly_payment_minor,
  };
}

export class ScenarioDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: PersonaDto }) persona: PersonaDto;
  @ApiProperty({ type: DealDto }) deal: DealDto;
  @ApiProperty({ enum: FI_PRODUCTS, isArray: true }) products: FiProduct[];
  @ApiProperty({ type: String, isArray: true }) objections: string[];
  @ApiProperty({ enum: DIFFICULTIES }) difficulty: Difficulty;
  @ApiProperty() max_turns: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) archived_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(s: Scenario): ScenarioDto {
    return {
      id: s.id,
      title: s.title,
      persona: { ...s.persona },
      deal: {
        vehicle: s.deal.vehicle,
        price_minor: s.deal.priceMinor,
        currency: s.deal.currency,
        term_months: s.deal.termMonths,
        monthly_payment_minor: s.deal.monthlyPaymentMinor,
      },
      products: s.products,
      objections: s.objections,
      difficulty: s.difficulty,
      max_turns: s.maxTurns,
      created_by: s.createdBy,
      archived_at: iso(s.archivedAt),
      created_at: s.createdAt.toISOString(),
      updated_at: s.updatedAt.toISOString(),
    };
  }
}

export class ScenarioPageDto {
  @ApiProperty({ type: ScenarioDto, isArray: true }) data: ScenarioDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
  static from(page: Page<Scenario>): ScenarioPageDto {
    return { data: page.data.map((s) => ScenarioDto.from(s)), meta: page.meta };
  }
}

export class StarterSetResultDto {
  @ApiProperty({ description: 'Starter scenarios added (those the dealership already had, by title, are skipped)' }) added: number;
}

export class StartSessionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() scenario_id: string;
}

export class SayDto {
  @ApiProperty({ maxLength: MESSAGE_MAX, description: 'What the F&I manager says to the customer' })
  @Trim()
  @IsString()
  @Length(1, MESSAGE_MAX)
  text: string;
}

export class ListSessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Principals: one trainee’s sessions (managers always see only their own)' })
  @IsOptional()
  @IsUUID()
  trainee_user_id?: string;
}

export class TranscriptLineDto {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ['customer', 'trainee'] }) speaker: 'customer' | 'trainee';
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CriterionScoreDto {
  @ApiProperty({ enum: RUBRIC_CRITERIA }) criterion: RubricCriterion;
  @ApiProperty({ minimum: 0, maximum: 5 }) score: number;
  @ApiProperty() comment: string;
}

export class SessionScoreDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) total: number;
  @ApiProperty({ type: CriterionScoreDto, isArray: true }) criteria: CriterionScoreDto[];
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['ai', 'rules'], description: 'Scored by the language model, or by the rule-based scorer (no model, or the model failed)' })
  scored_by: 'ai' | 'rules';
}

export class TrainingSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) scenario_id: string;
  @ApiProperty() scenario_title: string;
  @ApiProperty({ format: 'uuid' }) trainee_user_id: string;
  @ApiProperty({ enum: ['ai', 'scripted'], description: '`scripted`: no language model is configured, a scripted customer plays' }) mode: 'ai' | 'scripted';
  @ApiProperty({ enum: ['active', 'finished'] }) status: 'active' | 'finished';
  @ApiProperty() max_turns: number;
  @ApiProperty() turns_taken: number;
  @ApiProperty() turns_left: number;
  @ApiProperty({ type: TranscriptLineDto, isArray: true }) transcript: TranscriptLineDto[];
  @ApiProperty({ type: SessionScoreDto, nullable: true }) score: SessionScoreDto | null;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at: string | null;

  static from(s: SessionState): TrainingSessionDto {
    const taken = s.transcript.filter((l) => l.speaker === 'trainee').length;
    return {
      id: s.id,
      scenario_id: s.scenarioId,
      scenario_title: s.scenarioTitle,
      trainee_user_id: s.traineeUserId,
      mode: s.mode,
      status: s.status,
      max_turns: s.maxTurns,
      turns_taken: taken,
      turns_left: s.status === 'active' ? Math.max(0, s.maxTurns - taken) : 0,
      transcript: s.transcript.map((l) => ({ seq: l.seq, speaker: l.speaker, text: l.text, at: l.at.toISOString() })),
      score: s.score ? { total: s.score.total, criteria: s.score.criteria, summary: s.score.summary, scored_by: s.score.scoredBy } : null,
      started_at: s.startedAt.toISOString(),
      finished_at: iso(s.finishedAt),
    };
  }
}

export class SessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) scenario_id: string;
  @ApiProperty() scenario_title: string;
  @ApiProperty({ format: 'uuid' }) trainee_user_id: string;
  @ApiProperty({ enum: ['ai', 'scripted'] }) mode: 'ai' | 'scripted';
  @ApiProperty({ enum: ['active', 'finished'] }) status: 'active' | 'finished';
  @ApiProperty() max_turns: number;
  @ApiProperty() turns_taken: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Score out of 100 once finished' }) total: number | null;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at: string | null;
}

export class TrainingSessionPageDto {
  @ApiProperty({ type: SessionSummaryDto, isArray: true }) data: SessionSummaryDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
  static from(page: Page<SessionSummary>): TrainingSessionPageDto {
    return {
      data: page.data.map((s) => ({
        id: s.id,
        scenario_id: s.scenarioId,
        scenario_title: s.scenarioTitle,
        trainee_user_id: s.traineeUserId,
        mode: s.mode,
        status: s.status,
        max_turns: s.maxTurns,
        turns_taken: s.turnsTaken,
        total: s.total,
        started_at: s.startedAt.toISOString(),
        finished_at: iso(s.finishedAt),
      })),
      meta: page.meta,
    };
  }
}

export class TraineeProgressDto {
  @ApiProperty({ format: 'uuid' }) trainee_user_id: string;
  @ApiProperty() sessions: number;
  @ApiProperty() finished: number;
  @ApiProperty({ nullable: true, type: Number }) average_total: number | null;
  @ApiProperty({ nullable: true, type: Number }) best_total: number | null;
  @ApiProperty({ nullable: true, type: Number }) last_total: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Average score (0 to 5) per rubric criterion' })
  average_by_criterion: Record<string, number>;
}

export class ProgressDto {
  @ApiProperty({ type: TraineeProgressDto, isArray: true, description: 'A manager gets their own line; a principal one line per trainee of the dealership' })
  data: TraineeProgressDto[];
  static from(rows: TraineeProgress[]): ProgressDto {
    return {
      data: rows.map((r) => ({
        trainee_user_id: r.traineeUserId,
        sessions: r.sessions,
        finished: r.finished,
        average_total: r.averageTotal,
        best_total: r.bestTotal,
        last_total: r.lastTotal,
        average_by_criterion: r.averageByCriterion,
      })),
    };
  }
}

/** The `done` event closing a streamed reply. */
export function doneEvent(result: TurnResult): Record<string, unknown> {
  return {
    reply: result.reply,
    turns_left: result.turnsLeft,
    turns_taken: result.session.transcript.filter((l) => l.speaker === 'trainee').length,
    mode: result.session.mode,
  };
}
