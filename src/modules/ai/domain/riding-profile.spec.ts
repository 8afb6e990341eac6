import { normalizeAnswers, profileTerms, RidingProfileAnswers } from './riding-profile';

const answers: RidingProfileAnswers = {
  experience: 'intermediate',
  ridingStyles: ['touring', 'touring', 'commuting'],
  vehicleModelIds: ['A0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001'],
  goals: ['smoothness'],
  budgetMinor: 30000,
  currency: 'eur',
  riskAppetite: 'low',
};

describe('riding profile answers', () => {
  it('drops duplicates and normalizes ids and currency', () => {
    const { answers: normalized, problems } = normalizeAnswers(answers);
    expect(problems).toEqual({});
    expect(normalized).toMatchObject({
      ridingStyles: ['touring', 'commuting'],
      vehicleModelIds: ['a0000000-0000-4000-8000-000000000001'],
      currency: 'EUR',
    });
  });

  it('names each problem by its API field', () => {
    const { problems } = normalizeAnswers({ ...answers, ridingStyles: [], goals: [], currency: null, budgetMinor: 10 });
    expect(Object.keys(problems).sort()).toEqual(['budget_minor', 'goals', 'riding_styles']);
  });

  it('derives the words of listings that suit the rider', () => {
    expect(profileTerms({ ridingStyles: ['track'], goals: ['power'] })).toEqual(expect.arrayContaining(['track', 'race', 'power', 'stage']));
  });
});
