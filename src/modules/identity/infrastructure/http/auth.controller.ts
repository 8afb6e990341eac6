import { Controller, Header, HttpCode, Post } from '@nestjs/common';
import { Body } from '../../../../platform/http/params';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { AuthRateLimit } from '../../../../platform/http/rate-limit';
import type { RequestContext } from '../../../../platform/kernel';
import { LogInUseCase } from '../../application/use-cases/log-in.use-case';
import { LogOutAllUseCase } from '../../application/use-cases/log-out-all.use-case';
import { LogOutUseCase } from '../../application/use-cases/log-out.use-case';
import { RefreshSessionUseCase } from '../../application/use-cases/refresh-session.use-case';
import { SignUpUseCase } from '../../application/use-cases/sign-up.use-case';
import { ApiProblem, Ctx } from './http-decorators';
import { LoginRequestDto, LogoutRequestDto, RefreshRequestDto, SignUpRequestDto, requestedFullName } from './identity.request.dto';
import { AuthResponseDto, LogoutAllResponseDto, MessageDto, TokenPairDto } from './identity.response.dto';

/** Sign-up, sign-in and the session lifecycle (seed 001 and 003). Responses carrying tokens are never cached. */
@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signUp: SignUpUseCase,
    private readonly logIn: LogInUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly logOut: LogOutUseCase,
    private readonly logOutAll: LogOutAllUseCase,
  ) {}

  @Post('signup')
  @Header('Cache-Control', 'no-store')
  @Public()
  @AuthRateLimit()
  @ApiOperation({
    operationId: 'identity_signup',
    summary: 'Create an account and sign in; a verification link is e-mailed. The name is full_name, or first_name and last_name',
  })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiProblem(409, 'An account with this e-mail already exists (IDENTITY.EMAIL_TAKEN)')
  async signup(@Ctx() ctx: RequestContext, @Body() body: SignUpRequestDto): Promise<AuthResponseDto> {
    const result = await this.signUp.execute(ctx, {
      // Validation guarantees one of the two name forms.
      fullName: requestedFullName(body) ?? '',
      email: body.email,
      password: body.password,
      dateOfBirth: body.date_of_birth,
      phoneNumber: body.phone_number,
    });
    return AuthResponseDto.fromResult(result);
  }

  @Post('login')
  @Header('Cache-Control', 'no-store')
  @Public()
  @AuthRateLimit()
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_login', summary: 'Sign in with e-mail and password' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiProblem(401, 'Unknown e-mail or wrong password: one answer for both (IDENTITY.INVALID_CREDENTIALS)')
  @ApiProblem(403, 'The account is disabled (IDENTITY.ACCOUNT_DISABLED)')
  async login(@Ctx() ctx: RequestContext, @Body() body: LoginRequestDto): Promise<AuthResponseDto> {
    return AuthResponseDto.fromResult(await this.logIn.execute(ctx, { email: body.email, password: body.password }));
  }

  @Post('refresh')
  @Header('Cache-Control', 'no-store')
  @Public()
  @AuthRateLimit()
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_refresh', summary: 'Exchange a refresh token for a new token pair (rotation)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblem(401, 'Invalid, expired, revoked or reused refresh token (a reuse ends the whole session)')
  async refresh(@Ctx() ctx: RequestContext, @Body() body: RefreshRequestDto): Promise<TokenPairDto> {
    return TokenPairDto.from(await this.refreshSession.execute(ctx, { refreshToken: body.refresh_token }));
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_logout', summary: 'End the current session; its access tokens stop working at once' })
  @ApiBody({ type: LogoutRequestDto, required: false })
  @ApiOkResponse({ type: MessageDto })
  async logout(@Ctx() ctx: RequestContext, @Body() body: LogoutRequestDto): Promise<MessageDto> {
    await this.logOut.execute(ctx, { refreshToken: body?.refresh_token });
    return { message: 'Successfully logged out' };
  }

  @Post('logout-all')
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_logout_all', summary: 'End every session of the account, this one included' })
  @ApiOkResponse({ type: LogoutAllResponseDto })
  async logoutAll(@Ctx() ctx: RequestContext): Promise<LogoutAllResponseDto> {
    const { revokedSessions } = await this.logOutAll.execute(ctx);
    return { message: 'Successfully logged out of every session', revoked_sessions: revokedSessions };
  }
}
