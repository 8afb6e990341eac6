import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { expectProblem } from '../../support/problem';
import { MAX_JSON_DEPTH } from '../../../src/platform/http/input-policy';
import { Body, Query } from '../../../src/platform/http/params';
import { Public } from '../../../src/platform/auth/public.decorator';
// After the app's imports, which load reflect-metadata that @nestjs/common needs.
import { Controller, Get, Module, Post } from '@nestjs/common';
import { ApiConsumes, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';

/*
 * The platform's policy for input no well-behaved client sends (input-policy.ts,
 * validation.ts, media-type.guard.ts), on probe routes that hand every string to
 * Postgres and on the application's own routes. Every answer is a 4xx problem.
 */

class PlaceDto {
  @ApiProperty() @IsString() @MaxLength(50) city: string;
  @ApiPropertyOptional() @IsOptional() @IsString() district?: string;
}

class CreateThingDto {
  @ApiProperty() @IsString() name: string;
  @ApiPropertyOptional({ description: 'optional, not nullable' }) @IsOptional() @IsString() note?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null means none' }) @IsOptional() @IsString() tag?: string | null;
  @ApiPropertyOptional({ type: PlaceDto }) @IsOptional() @ValidateNested() @Type(() => PlaceDto) place?: PlaceDto;
}

class SearchDto {
  @IsOptional() @IsString() q?: string;
}

@Controller('hostile-probe')
class HostileProbeController {
  constructor(private readonly db: DataSource) {}

  /** Every string goes to Postgres; an optional field is used as present whenever it is not undefined. */
  @Post('things')
  @Public()
  async create(@Body() body: CreateThingDto) {
    const note = body.note !== undefined ? body.note.trim() : '';
    const place = body.place !== undefined ? `${body.place.city.trim()} ${body.place.district !== undefined ? body.place.district.trim() : ''}` : '';
    const [row] = (await this.db.query('SELECT $1::text AS name, $2::text AS note, $3::text AS tag, $4::text AS place', [
      body.name,
      note,
      body.tag ?? null,
      place,
    ])) as Array<Record<string, string>>;
    return row;
  }

  @Post('things/count')
  @Public()
  count() {
    return { count: 0 };
  }

  @Post('notes')
  @Public()
  @ApiConsumes('text/plain')
  notes(@Body() body: string) {
    return { length: body.length };
  }

  @Get('search')
  @Public()
  async search(@Query() query: SearchDto) {
    const [row] = (await this.db.query('SELECT $1::text AS q', [query.q ?? ''])) as Array<{ q: string }>;
    return row;
  }

  @Get('items/:slug')
  @Public()
  async item(@Body() _ignored: unknown, @Query() _query: SearchDto) {
    return { ok: true };
  }
}

@Module({ controllers: [HostileProbeController] })
class HostileProbeModule {}

describe('hostile input', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({
      config: testConfig({ RATE_LIMIT_MAX: '100000', AUTH_RATE_LIMIT_MAX: '100000' }),
      extraImports: [HostileProbeModule],
    });
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { full_name: 'Hostile Tester', email: `hostile-${randomUUID()}@example.test`, password: 'Hostile!Passw0rd', date_of_birth: '1990-01-01' },
    });
    expect(signup.statusCode).toBe(201);
    token = signup.json().access_token;
  });
  afterAll(() => t.close());

  const raw = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { 'content-type': 'application/json', ...headers } });
  const signupBody = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      full_name: 'Jane Doe',
      email: `jane-${randomUUID()}@example.test`,
      password: 'SecurePass123!',
      date_of_birth: '1990-01-01',
      ...overrides,
    });
  const auth = () => ({ authorization: `Bearer ${token}` });

  describe('successful', () => {
    it('accepts a valid body, well-formed astral characters and a nullable field set to null', async () => {
      const res = await raw('POST', '/api/v1/hostile-probe/things', JSON.stringify({ name: '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧', note: ' n ', tag: null, place: { city: 'Pune' } }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ name: '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧', note: 'n', tag: null, place: 'Pune ' });
    });

    it(`accepts JSON nested up to ${MAX_JSON_DEPTH} levels (and refuses it as an unknown field, not as too deep)`, async () => {
      let nested = '1';
      for (let i = 1; i < MAX_JSON_DEPTH; i += 1) nested = `{"a":${nested}}`;
      const body = expectProblem(await raw('POST', '/api/v1/hostile-probe/things', `{"name":"x","extra":${nested}}`), 400, 'HTTP.VALIDATION_FAILED');
      expect(body.errors).toEqual({ extra: [expect.stringContaining('should not exist')] });
    });

    it('takes a text/plain body on a route that declares it with @ApiConsumes', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/hostile-probe/notes', payload: 'hello', headers: { 'content-type': 'text/plain' } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ length: 5 });
    });

    it('lets a client send an empty JSON object to a route without a body', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/hostile-probe/things/count',
        payload: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('failing: strings that are not valid Unicode (policy: refuse, 400 HTTP.INVALID_UNICODE)', () => {
    it('refuses a lone surrogate in any field of a body, naming it', async () => {
      const body = expectProblem(
        await raw('POST', '/api/v1/hostile-probe/things', '{"name":"a\\ud800b","place":{"city":"\\udc00"}}'),
        400,
        'HTTP.INVALID_UNICODE',
      );
      expect(body.errors).toEqual({ name: ['name is not valid Unicode'], 'place.city': ['place.city is not valid Unicode'] });
    });

    it('refuses it in fields checked by format validators (e-mail, phone, URL) of real routes', async () => {
      expectProblem(await raw('POST', '/api/v1/auth/signup', signupBody({ email: 'jane\\ud800@example.test' }).replace('\\\\ud800', '\\ud800')), 400);
      expectProblem(await raw('POST', '/api/v1/auth/signup', signupBody({}).replace('"Jane Doe"', '"Jane \\ud83d Doe"')), 400, 'HTTP.INVALID_UNICODE');
      expectProblem(await raw('POST', '/api/v1/auth/signup', signupBody({}).replace('example.test"', 'example.test\\udfff"')), 400, 'HTTP.INVALID_UNICODE');
      expectProblem(
        await raw('POST', '/api/v1/auth/signup', signupBody({ phone_number: '+1415555' }).replace('+1415555', '+1415555\\ud800')),
        400,
        'HTTP.INVALID_UNICODE',
      );
      expectProblem(await raw('POST', '/api/v1/auth/login', '{"email":"a\\ud800@b.co","password":"\\udbff"}'), 400, 'HTTP.INVALID_UNICODE');
      expectProblem(await raw('PATCH', '/api/v1/auth/me', '{"phone_number":"+1\\ud800"}', auth()), 400, 'HTTP.INVALID_UNICODE');
      const org = await raw('POST', '/api/v1/organizations', '{"name":"x","kind":"repair_shop","website":"https://a\\ud800.example"}', auth());
      expectProblem(org, 400, 'HTTP.INVALID_UNICODE');
    });

    it('refuses it in keys', async () => {
      expectProblem(await raw('POST', '/api/v1/hostile-probe/things', '{"name":"x","\\ud800":1}'), 400, 'HTTP.INVALID_UNICODE');
    });

    it('refuses it percent-encoded in query strings and path parameters', async () => {
      // A lone surrogate has no UTF-8 form; %ED%A0%80 is its CESU bytes, which decode to U+FFFD or fail.
      for (const url of [
        '/api/v1/hostile-probe/search?q=%ED%A0%80',
        '/api/v1/hostile-probe/items/%ED%A0%80',
        '/api/v1/catalog/vehicle-types?search=%ED%A0%80',
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers: auth() });
        expect({ url, status: res.statusCode < 500 }).toEqual({ url, status: true });
        if (res.statusCode >= 400) expectProblem(res, res.statusCode);
      }
    });
  });

  describe('failing: JSON nested too deep (policy: refuse beyond MAX_JSON_DEPTH, 400 HTTP.NESTING_TOO_DEEP)', () => {
    for (const [kind, open, close] of [
      ['objects', '{"a":', '}'],
      ['arrays', '[', ']'],
    ] as const) {
      it(`refuses ${kind} nested thousands of levels deep, on probe and real routes`, async () => {
        const deep = `${open.repeat(5000)}1${close.repeat(5000)}`;
        expectProblem(await raw('POST', '/api/v1/hostile-probe/things', `{"name":"x","place":${deep}}`), 400, 'HTTP.NESTING_TOO_DEEP');
        expectProblem(await raw('POST', '/api/v1/auth/login', deep), 400, 'HTTP.NESTING_TOO_DEEP');
        expectProblem(await raw('PATCH', '/api/v1/auth/me', `{"full_name":${deep}}`, auth()), 400, 'HTTP.NESTING_TOO_DEEP');
      });
    }

    it(`refuses ${MAX_JSON_DEPTH + 1} levels, and ignores brackets inside strings`, async () => {
      expectProblem(
        await raw('POST', '/api/v1/hostile-probe/things', `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`),
        400,
        'HTTP.NESTING_TOO_DEEP',
      );
      const res = await raw('POST', '/api/v1/hostile-probe/things', JSON.stringify({ name: '{['.repeat(5000) }));
      expect(res.statusCode).toBe(201);
    });
  });

  describe('failing: NUL characters (policy: refuse, 400 HTTP.INVALID_CHARACTERS)', () => {
    it('refuses NUL in any body string before it reaches SQL', async () => {
      const body = expectProblem(
        await raw('POST', '/api/v1/hostile-probe/things', '{"name":"a\\u0000b","place":{"city":"x\\u0000"}}'),
        400,
        'HTTP.INVALID_CHARACTERS',
      );
      expect(body.errors).toEqual({ name: ['name must not contain NUL characters'], 'place.city': ['place.city must not contain NUL characters'] });
      expectProblem(await raw('POST', '/api/v1/auth/signup', signupBody({ full_name: 'Jane\u0000Doe' })), 400, 'HTTP.INVALID_CHARACTERS');
      expectProblem(await raw('POST', '/api/v1/auth/login', JSON.stringify({ email: 'a@b.co\u0000', password: 'x' })), 400, 'HTTP.INVALID_CHARACTERS');
      expectProblem(
        await raw('POST', '/api/v1/organizations', JSON.stringify({ name: 'Shop\u0000', kind: 'repair_shop' }), auth()),
        400,
        'HTTP.INVALID_CHARACTERS',
      );
    });

    it('refuses NUL in query strings and path parameters', async () => {
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/hostile-probe/search?q=a%00b' }), 400, 'HTTP.INVALID_CHARACTERS');
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/hostile-probe/items/a%00b' }), 400, 'HTTP.INVALID_CHARACTERS');
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/catalog/vehicle-types?search=%00', headers: auth() }), 400, 'HTTP.INVALID_CHARACTERS');
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/organizations?search=%00&page=1', headers: auth() }), 400, 'HTTP.INVALID_CHARACTERS');
    });

    it('passes other control characters through to Postgres, which stores them', async () => {
      const res = await raw('POST', '/api/v1/hostile-probe/things', JSON.stringify({ name: 'a\u0001\u001f\u007fb' }));
      expect(res.statusCode).toBe(201);
      expect(res.json().name).toBe('a\u0001\u001f\u007fb');
    });
  });

  describe('failing: explicit null (policy: accepted only where the DTO documents nullable, else 400 naming the field)', () => {
    it('refuses null for an optional, non-nullable field on create, nested ones included', async () => {
      const body = expectProblem(
        await raw('POST', '/api/v1/hostile-probe/things', '{"name":"x","note":null,"place":{"city":"Pune","district":null}}'),
        400,
        'HTTP.VALIDATION_FAILED',
      );
      expect(body.errors).toEqual({
        note: ['note must not be null; leave it out instead'],
        'place.district': ['district must not be null; leave it out instead'],
      });
      const place = expectProblem(await raw('POST', '/api/v1/hostile-probe/things', '{"name":null,"place":null}'), 400, 'HTTP.VALIDATION_FAILED');
      expect(place.errors).toEqual(
        expect.objectContaining({ name: expect.arrayContaining(['name must not be null; leave it out instead']), place: expect.any(Array) }),
      );
    });

    it('refuses null for optional fields of real create and update routes', async () => {
      expectProblem(await raw('POST', '/api/v1/auth/signup', signupBody({ phone_number: null })), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await raw('POST', '/api/v1/auth/logout', '{"refresh_token":null}', auth()), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await raw('PATCH', '/api/v1/auth/me', '{"full_name":null}', auth()), 400, 'HTTP.VALIDATION_FAILED');
    });

    it('accepts null where the document says nullable (update clears the field)', async () => {
      const res = await raw('PATCH', '/api/v1/auth/me', '{"phone_number":null}', auth());
      expect(res.statusCode).toBe(200);
      expect(res.json().phone_number).toBeNull();
    });
  });

  describe('failing: __proto__ and constructor keys (policy: refuse with a clear message, 400 HTTP.FORBIDDEN_KEY)', () => {
    it.each([
      ['__proto__', '{"name":"x","__proto__":{"admin":true}}', '__proto__'],
      ['constructor.prototype', '{"name":"x","constructor":{"prototype":{"admin":true}}}', 'constructor'],
      ['a bare constructor key', '{"name":"x","constructor":"y"}', 'constructor'],
      ['a nested __proto__', '{"name":"x","place":{"city":"y","__proto__":{}}}', 'place.__proto__'],
    ])('refuses %s, naming where it is', async (_label, payload, path) => {
      const body = expectProblem(await raw('POST', '/api/v1/hostile-probe/things', payload), 400, 'HTTP.FORBIDDEN_KEY');
      expect(body.detail).toBe('The keys __proto__ and constructor are not accepted.');
      expect(Object.keys(body.errors as object)).toContain(path);
      expect(JSON.stringify(body)).not.toMatch(/not valid JSON/);
    });

    it('refuses them in query strings too', async () => {
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/hostile-probe/search?__proto__[admin]=1' }), 400);
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/hostile-probe/search?constructor=1' }), 400, 'HTTP.FORBIDDEN_KEY');
    });
  });

  describe('failing: a body of a media type the route does not accept (policy: 415 before auth and validation)', () => {
    it.each([
      ['text/plain', 'name=x'],
      ['application/x-www-form-urlencoded', 'name=x'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n'],
      ['application/xml', '<name>x</name>'],
    ])('answers 415 to %s on JSON routes, public and private', async (contentType, payload) => {
      for (const [url, headers] of [
        ['/api/v1/hostile-probe/things', {}],
        ['/api/v1/auth/login', {}],
        ['/api/v1/auth/me', auth()],
        ['/api/v1/organizations', {}],
      ] as const) {
        const method = url === '/api/v1/auth/me' ? 'PATCH' : 'POST';
        const res = await t.app.inject({ method, url, payload, headers: { ...headers, 'content-type': contentType } });
        expect({ url, contentType, status: res.statusCode }).toEqual({ url, contentType, status: 415 });
        expect(expectProblem(res, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE').errors).toBeUndefined();
      }
    });

    it('answers 415 to a JSON body on a route that accepts only text/plain, and to a body without a content type', async () => {
      expectProblem(await raw('POST', '/api/v1/hostile-probe/notes', '"x"'), 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"email":"a@b.co","password":"x"}' }), 415);
    });
  });

  describe('failing: request line and headers too large (policy: 431 problem+json)', () => {
    let port: number;
    beforeAll(async () => {
      await t.app.listen(0, '127.0.0.1');
      port = (t.app.getHttpServer().address() as AddressInfo).port;
    });

    function rawRequest(head: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(head));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('utf8')));
        socket.on('error', (error) => (data ? undefined : reject(error)));
        socket.on('close', () => {
          const [top, body = ''] = data.split('\r\n\r\n');
          const [statusLine, ...lines] = top.split('\r\n');
          const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
          resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
        });
      });
    }

    function expectRawProblem(res: { status: number; headers: Record<string, string>; body: string }, status: number, code: string) {
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(res.body)).toEqual(expect.objectContaining({ status, code, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) }));
    }

    it('answers 431 problem+json to headers over the limit', async () => {
      const res = await rawRequest(`GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expectRawProblem(res, 431, 'HTTP.HEADERS_TOO_LARGE');
    });

    it('answers 431 problem+json to a request line over the limit', async () => {
      const res = await rawRequest(`GET /api/v1/catalog/vehicle-types?search=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expectRawProblem(res, 431, 'HTTP.HEADERS_TOO_LARGE');
    });

    it('answers 400 problem+json to a request Node cannot parse (a NUL in a header)', async () => {
      const res = await rawRequest(`GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Organization-Id: a\u0000b\r\n\r\n`);
      expectRawProblem(res, 400, 'HTTP.BAD_REQUEST');
    });

    it('still serves ordinary requests on the same server', async () => {
      const res = await rawRequest(`GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBe(200);
    });
  });
});
