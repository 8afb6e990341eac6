/**
 * An F&I (finance and insurance) role-play scenario of a dealership: the
 * customer the trainee faces, the deal on the table, the products to present
 * and the objections the customer raises.
 */
export const FI_PRODUCTS = ['extended_warranty', 'gap', 'service_contract', 'tire_and_wheel', 'paint_protection', 'maintenance_plan'] as const;
export type FiProduct = (typeof FI_PRODUCTS)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const MIN_TURNS = 2;
export const MAX_TURNS = 30;
export const MAX_OBJECTIONS = 10;
export const TEXT_MAX = 500;
export const TITLE_MAX = 120;

export interface CustomerPersona {
  name: string;
  /** Who they are: job, family, how they use the vehicle. */
  background: string;
  /** How they talk and decide: cautious, price-focused, chatty... */
  temperament: string;
}

export interface Deal {
  vehicle: string;
  priceMinor: number;
  currency: string;
  termMonths: number;
  /** Monthly payment before any product, minor units. */
  monthlyPaymentMinor: number;
}

export interface ScenarioContent {
  title: string;
  persona: CustomerPersona;
  deal: Deal;
  products: FiProduct[];
  objections: string[];
  difficulty: Difficulty;
  maxTurns: number;
}

export interface Scenario extends ScenarioContent {
  id: string;
  orgId: string;
  createdBy: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function scenarioProblems(content: ScenarioContent): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (new Set(content.products).size !== content.products.length) add('products', 'products must not repeat');
  if (content.products.length === 0) add('products', 'at least one product to present');
  if (content.objections.length === 0) add('objections', 'at least one objection');
  if (content.maxTurns < MIN_TURNS || content.maxTurns > MAX_TURNS) add('max_turns', `max_turns is between ${MIN_TURNS} and ${MAX_TURNS}`);
  if (content.deal.monthlyPaymentMinor > content.deal.priceMinor) add('deal.monthly_payment_minor', 'the monthly payment cannot exceed the price');
  return problems;
}

export const PRODUCT_NAMES: Record<FiProduct, string> = {
  extended_warranty: 'an extended warranty',
  gap: 'GAP insurance',
  service_contract: 'a vehicle service contract',
  tire_and_wheel: 'tire and wheel protection',
  paint_protection: 'paint protection',
  maintenance_plan: 'a prepaid maintenance plan',
};

/** The starter set every demo dealership gets (and any dealership can copy in): one scenario per common situation. */
export const STARTER_SCENARIOS: ScenarioContent[] = [
  {
    title: 'First-time buyer worried about the monthly payment',
    persona: {
      name: 'Jordan Lee',
      background: '24, first full-time job as a nurse, buying a first new car, commutes 40 miles a day',
      temperament: 'polite but anxious about money, asks what things cost per month',
    },
    deal: { vehicle: '2025 Honda Civic Sport', priceMinor: 2_850_000, currency: 'USD', termMonths: 72, monthlyPaymentMinor: 48_500 },
    products: ['gap', 'maintenance_plan'],
    objections: ['I can barely afford the payment as it is.', 'My parents said GAP insurance is a scam.', 'Can I add it later if I change my mind?'],
    difficulty: 'easy',
    maxTurns: 8,
  },
  {
    title: 'Engineer who has read every forum about warranties',
    persona: {
      name: 'Priya Natarajan',
      background: '41, mechanical engineer, keeps cars ten years, does her own oil changes',
      temperament: 'analytical, skeptical, wants numbers and exclusions in writing',
    },
    deal: { vehicle: '2025 Toyota RAV4 Hybrid XLE', priceMinor: 3_690_000, currency: 'USD', termMonths: 60, monthlyPaymentMinor: 67_000 },
    products: ['extended_warranty', 'service_contract'],
    objections: [
      'Toyota hybrids are reliable, why would I need this?',
      'What exactly is excluded? Wear items? Hybrid battery?',
      'Most of the premium is dealer profit, isn’t it?',
    ],
    difficulty: 'hard',
    maxTurns: 10,
  },
  {
    title: 'Busy parent trading up to a family SUV',
    persona: {
      name: 'Marcus Bell',
      background: '37, two kids, long highway trips in summer, previous car had an expensive transmission repair',
      temperament: 'friendly, in a hurry, wants to get home, open to protection that makes sense',
    },
    deal: { vehicle: '2025 Kia Telluride EX', priceMinor: 4_520_000, currency: 'USD', termMonths: 72, monthlyPaymentMinor: 76_000 },
    products: ['extended_warranty', 'tire_and_wheel', 'paint_protection'],
    objections: [
      'We are in a rush, can we skip this part?',
      'The paint thing sounds like wax for a thousand dollars.',
      'Does the warranty cover road trips out of state?',
    ],
    difficulty: 'medium',
    maxTurns: 8,
  },
];
