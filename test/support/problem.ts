import type { Response as InjectResponse } from 'light-my-request';

/** Asserts an RFC 9457 body with our members and returns it. */
export function expectProblem(res: InjectResponse, status: number, code?: string): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.stringMatching(/^\//),
      code: expect.any(String),
    }),
  );
  if (code) expect(body.code).toBe(code);
  return body;
}
