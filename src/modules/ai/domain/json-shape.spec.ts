import { schemaProblems } from './json-shape';

const schema = {
  type: 'object',
  required: ['score', 'comments'],
  properties: {
    score: { type: 'integer' },
    verdict: { type: 'string', enum: ['approved', 'rejected'] },
    comments: { type: 'array', items: { type: 'object', required: ['criterion'], properties: { criterion: { type: 'string' } } } },
  },
};

describe('schemaProblems', () => {
  it('accepts a reply that fits', () => {
    expect(schemaProblems({ score: 3, verdict: 'approved', comments: [{ criterion: 'x' }] }, schema)).toEqual([]);
  });

  it('names missing keys, wrong types and values outside an enum', () => {
    expect(schemaProblems({ comments: [{}] }, schema)).toEqual(['$.score is missing', '$.comments[0].criterion is missing']);
    expect(schemaProblems({ score: 'high', comments: [], verdict: 'maybe' }, schema)).toEqual([
      '$.score should be integer',
      '$.verdict should be one of approved, rejected',
    ]);
    expect(schemaProblems([], schema)).toEqual(['$ should be object']);
  });
});
