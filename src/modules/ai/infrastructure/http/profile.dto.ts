import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  EXPERIENCE_LEVELS,
  type ExperienceLevel,
  MAX_BUDGET_MINOR,
  MAX_PROFILE_VEHICLES,
  RIDING_GOALS,
  RIDING_STYLES,
  RISK_APPETITES,
  type RidingGoal,
  type RidingProfileAnswers,
  type RidingStyle,
  type RiskAppetite,
} from '../../domain/riding-profile';
import type { RidingProfileView } from '../../application/views';

const CURRENCY = /^[A-Za-z]{3}$/;
const Clearable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);
const NotNullIfPresent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class OnboardingDto {
  @ApiProperty({ enum: EXPERIENCE_LEVELS })
  @IsIn(EXPERIENCE_LEVELS)
  experience: ExperienceLevel;

  @ApiProperty({ enum: RIDING_STYLES, isArray: true, minItems: 1, example: ['touring', 'commuting'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RIDING_STYLES.length * 2)
  @IsIn(RIDING_STYLES, { each: true })
  riding_styles: RidingStyle[];

  @ApiProperty({ type: String, format: 'uuid', isArray: true, maxItems: MAX_PROFILE_VEHICLES, description: 'Catalog vehicle model ids the rider owns' })
  @IsArray()
  @ArrayMaxSize(MAX_PROFILE_VEHICLES)
  @IsUUID('all', { each: true })
  vehicle_model_ids: string[];

  @ApiProperty({ enum: RIDING_GOALS, isArray: true, minItems: 1, example: ['smoothness', 'economy'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RIDING_GOALS.length * 2)
  @IsIn(RIDING_GOALS, { each: true })
  goals: RidingGoal[];

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_BUDGET_MINOR,
    description: 'Budget per purchase in minor units (with currency)',
  })
  @Clearable()
  @IsInt()
  @Min(0)
  @Max(MAX_BUDGET_MINOR)
  budget_minor?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'EUR', description: 'ISO 4217 code of the budget' })
  @Clearable()
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' })
  currency?: string | null;

  @ApiProperty({ enum: RISK_APPETITES, description: 'How far from stock the rider is willing to go' })
  @IsIn(RISK_APPETITES)
  risk_appetite: RiskAppetite;

  toAnswers(): RidingProfileAnswers {
    return {
      experience: this.experience,
      ridingStyles: this.riding_styles,
      vehicleModelIds: this.vehicle_model_ids,
      goals: this.goals,
      budgetMinor: this.budget_minor ?? null,
      currency: this.currency ?? null,
      riskAppetite: this.risk_appetite,
    };
  }
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ enum: EXPERIENCE_LEVELS })
  @NotNullIfPresent()
  @IsIn(EXPERIENCE_LEVELS)
  experience?: ExperienceLevel;

  @ApiPropertyOptional({ enum: RIDING_STYLES, isArray: true, minItems: 1 })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RIDING_STYLES.length * 2)
  @IsIn(RIDING_STYLES, { each: true })
  riding_styles?: RidingStyle[];

  @ApiPropertyOptional({ type: String, format: 'uuid', isArray: true, maxItems: MAX_PROFILE_VEHICLES })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_PROFILE_VEHICLES)
  @IsUUID('all', { each: true })
  vehicle_model_ids?: string[];

  @ApiPropertyOptional({ enum: RIDING_GOALS, isArray: true, minItems: 1 })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RIDING_GOALS.length * 2)
  @IsIn(RIDING_GOALS, { each: true })
  goals?: RidingGoal[];

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: MAX_BUDGET_MINOR, description: 'null clears the budget (with currency)' })
  @Clearable()
  @IsInt()
  @Min(0)
  @Max(MAX_BUDGET_MINOR)
  budget_minor?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'EUR' })
  @Clearable()
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' })
  currency?: string | null;

  @ApiPropertyOptional({ enum: RISK_APPETITES })
  @NotNullIfPresent()
  @IsIn(RISK_APPETITES)
  risk_appetite?: RiskAppetite;

  toChanges(): Partial<RidingProfileAnswers> {
    return {
      experience: this.experience,
      ridingStyles: this.riding_styles,
      vehicleModelIds: this.vehicle_model_ids,
      goals: this.goals,
      budgetMinor: this.budget_minor,
      currency: this.currency,
      riskAppetite: this.risk_appetite,
    };
  }
}

export class ProfileVehicleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MT-07' }) name: string;
  @ApiProperty({ example: 'Yamaha' }) brand: string;
  @ApiProperty({ example: 'Motorcycle' }) type: string;
}

export class RidingProfileDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ enum: EXPERIENCE_LEVELS }) experience: ExperienceLevel;
  @ApiProperty({ enum: RIDING_STYLES, isArray: true }) riding_styles: RidingStyle[];
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) vehicle_model_ids: string[];
  @ApiProperty({ type: ProfileVehicleDto, isArray: true, description: 'The vehicles, as the catalog names them' }) vehicles: ProfileVehicleDto[];
  @ApiProperty({ enum: RIDING_GOALS, isArray: true }) goals: RidingGoal[];
  @ApiProperty({ type: 'integer', nullable: true }) budget_minor: number | null;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty({ enum: RISK_APPETITES }) risk_appetite: RiskAppetite;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: RidingProfileView): RidingProfileDto {
    return {
      user_id: view.userId,
      experience: view.experience,
      riding_styles: view.ridingStyles,
      vehicle_model_ids: view.vehicleModelIds,
      vehicles: view.vehicles.map((v) => ({ id: v.id, name: v.name, brand: v.brand, type: v.type })),
      goals: view.goals,
      budget_minor: view.budgetMinor,
      currency: view.currency,
      risk_appetite: view.riskAppetite,
      created_at: view.createdAt.toISOString(),
      updated_at: view.updatedAt.toISOString(),
    };
  }
}
