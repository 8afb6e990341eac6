import { snakeCase } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['orgId', 'org_id'],
    ['HTTPRequestId', 'http_request_id'],
    ['vehicleModel2Year', 'vehicle_model2_year'],
    ['already_snake', 'already_snake'],
  ])('%s -> %s', (input, expected) => expect(snakeCase(input)).toBe(expected));
});
