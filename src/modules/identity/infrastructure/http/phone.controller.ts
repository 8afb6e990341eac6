import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { Body } from '../../../../platform/http/params';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { AuthRateLimit } from '../../../../platform/http/rate-limit';
import type { RequestContext } from '../../../../platform/kernel';
import { GetPhoneVerificationStatusUseCase } from '../../application/use-cases/get-phone-verification-status.use-case';
import { LogInWithPhoneUseCase } from '../../application/use-cases/log-in-with-phone.use-case';
import { RequestPhoneOtpUseCase } from '../../application/use-cases/request-phone-otp.use-case';
import { VerifyPhoneOtpUseCase } from '../../application/use-cases/verify-phone-otp.use-case';
import { ApiProblem, Ctx } from './http-decorators';
import { OtpRequestDto, OtpVerifyDto } from './identity.request.dto';
import { AuthResponseDto, OtpSentDto, PhoneStatusDto } from './identity.response.dto';

/** Phone one-time codes (seed 004): verify a number, sign in with it. */
@ApiTags('identity')
@Controller('auth/phone')
export class PhoneController {
  constructor(
    private readonly requestOtp: RequestPhoneOtpUseCase,
    private readonly verifyOtp: VerifyPhoneOtpUseCase,
    private readonly logInWithPhone: LogInWithPhoneUseCase,
    private readonly phoneStatus: GetPhoneVerificationStatusUseCase,
  ) {}

  @Post('request-otp')
  @Public()
  @AuthRateLimit()
  @HttpCode(202)
  @ApiOperation({ operationId: 'identity_request_phone_otp', summary: 'Send a six-digit code by SMS (purpose login or verification)' })
  @ApiAcceptedResponse({ type: OtpSentDto })
  async request(@Ctx() ctx: RequestContext, @Body() body: OtpRequestDto): Promise<OtpSentDto> {
    return this.send(ctx, body);
  }

  @Post('resend-otp')
  @Public()
  @AuthRateLimit()
  @HttpCode(202)
  @ApiOperation({ operationId: 'identity_resend_phone_otp', summary: 'Send a new code, replacing the previous one (after the cooldown)' })
  @ApiAcceptedResponse({ type: OtpSentDto })
  async resend(@Ctx() ctx: RequestContext, @Body() body: OtpRequestDto): Promise<OtpSentDto> {
    return this.send(ctx, body);
  }

  @Post('verify-otp')
  @AuthRateLimit()
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_verify_phone_otp', summary: 'Mark a phone number verified for the signed-in user with a verification code' })
  @ApiOkResponse({ type: PhoneStatusDto })
  @ApiProblem(404, 'The account no longer exists')
  @ApiProblem(409, 'Another account has this number verified (IDENTITY.PHONE_TAKEN)')
  @ApiProblem(422, 'Wrong, expired, used or locked code (IDENTITY.OTP_INVALID)')
  async verify(@Ctx() ctx: RequestContext, @Body() body: OtpVerifyDto): Promise<PhoneStatusDto> {
    return PhoneStatusDto.from(await this.verifyOtp.execute(ctx, { phoneNumber: body.phone_number, code: body.otp_code }));
  }

  @Post('login')
  @Public()
  @AuthRateLimit()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'identity_phone_login', summary: 'Sign in with a verified phone number and a login code' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiProblem(403, 'The account is disabled (IDENTITY.ACCOUNT_DISABLED)')
  async login(@Ctx() ctx: RequestContext, @Body() body: OtpVerifyDto): Promise<AuthResponseDto> {
    return AuthResponseDto.fromResult(await this.logInWithPhone.execute(ctx, { phoneNumber: body.phone_number, code: body.otp_code }));
  }

  @Get('verification-status')
  @ApiOperation({ operationId: 'identity_phone_verification_status', summary: 'The signed-in user’s phone number and whether it is verified' })
  @ApiOkResponse({ type: PhoneStatusDto })
  @ApiProblem(404, 'The account no longer exists')
  async status(@Ctx() ctx: RequestContext): Promise<PhoneStatusDto> {
    return PhoneStatusDto.from(await this.phoneStatus.execute(ctx));
  }

  private async send(ctx: RequestContext, body: OtpRequestDto): Promise<OtpSentDto> {
    const sent = await this.requestOtp.execute(ctx, { phoneNumber: body.phone_number, purpose: body.purpose ?? 'login' });
    return { message: 'A code has been sent by SMS.', expires_in: sent.expiresIn, resend_after: sent.resendAfter };
  }
}
