import { Controller, Header, HttpCode, Post } from '@nestjs/common';
import { Body } from '../../../../platform/http/params';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { AuthRateLimit } from '../../../../platform/http/rate-limit';
import type { RequestContext } from '../../../../platform/kernel';
import { ChangePasswordUseCase } from '../../application/use-cases/change-password.use-case';
import { ConfirmPasswordResetUseCase } from '../../application/use-cases/confirm-password-reset.use-case';
import { RequestEmailChangeUseCase } from '../../application/use-cases/request-email-change.use-case';
import { RequestPasswordResetUseCase } from '../../application/use-cases/request-password-reset.use-case';
import { VerifyEmailUseCase } from '../../application/use-cases/verify-email.use-case';
import { ApiProblem, Ctx } from './http-decorators';
import { ChangePasswordRequestDto, EmailChangeRequestDto, PasswordResetConfirmDto, PasswordResetRequestDto, TokenRequestDto } from './identity.request.dto';
import { AuthResponseDto, EmailChangeAcceptedDto, EmailVerifiedDto, MessageDto } from './identity.response.dto';

/** The same words whether or not an account has the address. */
export const RESET_REQUESTED_MESSAGE = 'If an account exists for this e-mail address, a link to reset its password has been sent.';

@ApiTags('identity')
@Controller('auth')
export class CredentialsController {
  constructor(
    private readonly changePassword: ChangePasswordUseCase,
    private readonly requestEmailChange: RequestEmailChangeUseCase,
    private readonly verifyEmail: VerifyEmailUseCase,
    private readonly requestPasswordReset: RequestPasswordResetUseCase,
    private readonly confirmPasswordReset: ConfirmPasswordResetUseCase,
  ) {}

  @Post('password/change')
  @Header('Cache-Control', 'no-store')
  @AuthRateLimit()
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_change_password', summary: 'Change the password; every other session ends and fresh tokens are returned' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiProblem(404, 'The account no longer exists')
  async passwordChange(@Ctx() ctx: RequestContext, @Body() body: ChangePasswordRequestDto): Promise<AuthResponseDto> {
    return AuthResponseDto.fromResult(await this.changePassword.execute(ctx, { currentPassword: body.current_password, newPassword: body.new_password }));
  }

  @Post('email/change')
  @AuthRateLimit()
  @HttpCode(202)
  @ApiOperation({ operationId: 'identity_request_email_change', summary: 'Send a confirmation link to a new e-mail address' })
  @ApiAcceptedResponse({ type: EmailChangeAcceptedDto })
  @ApiProblem(404, 'The account no longer exists')
  @ApiProblem(409, 'Another account has this address (IDENTITY.EMAIL_TAKEN)')
  async emailChange(@Ctx() ctx: RequestContext, @Body() body: EmailChangeRequestDto): Promise<EmailChangeAcceptedDto> {
    const { expiresIn } = await this.requestEmailChange.execute(ctx, { newEmail: body.new_email, password: body.password });
    return { message: 'A confirmation link has been sent to the new address.', expires_in: expiresIn };
  }

  @Post('email/verify')
  @Public()
  @AuthRateLimit()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'identity_verify_email',
    summary: 'Confirm an e-mail address (sign-up verification or e-mail change) with the token from the link',
  })
  @ApiOkResponse({ type: EmailVerifiedDto })
  @ApiProblem(409, 'Another account took the new address meanwhile (IDENTITY.EMAIL_TAKEN)')
  @ApiProblem(422, 'Invalid, expired or used token (IDENTITY.TOKEN_INVALID)')
  async emailVerify(@Ctx() ctx: RequestContext, @Body() body: TokenRequestDto): Promise<EmailVerifiedDto> {
    const { email } = await this.verifyEmail.execute(ctx, { token: body.token });
    return { email, email_verified: true };
  }

  @Post('password/reset/request')
  @Public()
  @AuthRateLimit()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'identity_request_password_reset',
    summary: 'E-mail a password reset link; the answer is the same whether or not the account exists',
  })
  @ApiAcceptedResponse({ type: MessageDto })
  async resetRequest(@Ctx() ctx: RequestContext, @Body() body: PasswordResetRequestDto): Promise<MessageDto> {
    await this.requestPasswordReset.execute(ctx, { email: body.email });
    return { message: RESET_REQUESTED_MESSAGE };
  }

  @Post('password/reset/confirm')
  @Public()
  @AuthRateLimit()
  @HttpCode(200)
  @ApiOperation({ operationId: 'identity_confirm_password_reset', summary: 'Set a new password with the reset token; every session ends' })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblem(422, 'Invalid, expired or used token (IDENTITY.TOKEN_INVALID)')
  async resetConfirm(@Ctx() ctx: RequestContext, @Body() body: PasswordResetConfirmDto): Promise<MessageDto> {
    await this.confirmPasswordReset.execute(ctx, { token: body.token, newPassword: body.new_password });
    return { message: 'Your password has been reset. Sign in with the new password.' };
  }
}
