/**
 * A rider's profile from the onboarding questionnaire: the cold-start input of
 * recommendations and the base of insights. One per account.
 */
export const EXPERIENCE_LEVELS = ['beginner', 'intermediate', 'experienced', 'expert'] as const;
export const RIDING_STYLES = ['commuting', 'touring', 'sport', 'track', 'off_road', 'adventure', 'cruising'] as const;
export const RIDING_GOALS = ['power', 'economy', 'smoothness', 'sound', 'reliability', 'weight'] as const;
export const RISK_APPETITES = ['low', 'medium', 'high'] as const;

export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];
export type RidingStyle = (typeof RIDING_STYLES)[number];
export type RidingGoal = (typeof RIDING_GOALS)[number];
export type RiskAppetite = (typeof RISK_APPETITES)[number];

export const MAX_PROFILE_VEHICLES = 10;
export const MAX_BUDGET_MINOR = 100_000_000_00;

export interface RidingProfileAnswers {
  experience: ExperienceLevel;
  ridingStyles: RidingStyle[];
  vehicleModelIds: string[];
  goals: RidingGoal[];
  /** Budget per purchase in minor units of `currency`; null: no budget given. */
  budgetMinor: number | null;
  currency: string | null;
  riskAppetite: RiskAppetite;
}

export interface RidingProfile extends RidingProfileAnswers {
  userId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The answers with duplicates removed, or the problems per field (snake_case, as the API names them). */
export function normalizeAnswers(answers: RidingProfileAnswers): { answers: RidingProfileAnswers; problems: Record<string, string[]> } {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  const normalized: RidingProfileAnswers = {
    ...answers,
    ridingStyles: [...new Set(answers.ridingStyles)],
    goals: [...new Set(answers.goals)],
    vehicleModelIds: [...new Set(answers.vehicleModelIds.map((id) => id.toLowerCase()))],
    currency: answers.currency?.toUpperCase() ?? null,
  };
  if (normalized.ridingStyles.length === 0) add('riding_styles', 'riding_styles needs at least one style');
  if (normalized.goals.length === 0) add('goals', 'goals needs at least one goal');
  if (normalized.vehicleModelIds.length > MAX_PROFILE_VEHICLES) add('vehicle_model_ids', `at most ${MAX_PROFILE_VEHICLES} vehicles`);
  if ((normalized.budgetMinor === null) !== (normalized.currency === null)) add('budget_minor', 'budget_minor and currency go together');
  if (normalized.budgetMinor !== null && (normalized.budgetMinor < 0 || normalized.budgetMinor > MAX_BUDGET_MINOR))
    add('budget_minor', 'budget_minor is out of range');
  return { answers: normalized, problems };
}

/** Words a listing that suits this rider tends to contain: the content side of cold-start recommendations. */
const STYLE_TERMS: Record<RidingStyle, string[]> = {
  commuting: ['commute', 'city', 'economy', 'daily', 'smooth'],
  touring: ['touring', 'comfort', 'long', 'range', 'smooth'],
  sport: ['sport', 'performance', 'throttle', 'response'],
  track: ['track', 'race', 'lap', 'quickshifter', 'performance'],
  off_road: ['off', 'road', 'enduro', 'trail', 'torque'],
  adventure: ['adventure', 'touring', 'torque', 'trail'],
  cruising: ['cruiser', 'sound', 'torque', 'exhaust'],
};
const GOAL_TERMS: Record<RidingGoal, string[]> = {
  power: ['power', 'hp', 'stage', 'performance'],
  economy: ['economy', 'fuel', 'efficiency', 'mpg'],
  smoothness: ['smooth', 'throttle', 'response', 'fueling'],
  sound: ['sound', 'exhaust', 'pops', 'decat'],
  reliability: ['reliable', 'safe', 'stock', 'oem'],
  weight: ['lightweight', 'weight', 'carbon'],
};

export function profileTerms(profile: Pick<RidingProfileAnswers, 'ridingStyles' | 'goals'>): string[] {
  return [...new Set([...profile.ridingStyles.flatMap((style) => STYLE_TERMS[style]), ...profile.goals.flatMap((goal) => GOAL_TERMS[goal])])];
}
