import { ValidationArguments, registerDecorator } from 'class-validator';

/** The platform's request-context parameter decorator and problem-response documentation, under the names identity's controllers use. */
export { Ctx } from '../../../../platform/auth/request-context.decorator';
export { ApiProblemResponse as ApiProblem } from '../../../../platform/http/openapi';

/** How many messages one rule may report for one field (the password rules give at most seven). */
const RULE_MESSAGE_SLOTS = 8;

/**
 * Validates a string field with a domain rule, reporting each of its messages
 * separately. class-validator keeps one message per registered constraint, so
 * the rule is registered once per message slot; slot i fails when the rule has
 * an i-th message. The use case re-checks the same rule for non-HTTP callers.
 */
export function SatisfiesRule(name: string, rule: (value: string, object: Record<string, unknown>) => string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    for (let slot = 0; slot < RULE_MESSAGE_SLOTS; slot += 1) {
      registerDecorator({
        name: `${name}${slot}`,
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          validate: (value: unknown, args: ValidationArguments) =>
            typeof value !== 'string' || rule(value, args.object as Record<string, unknown>).length <= slot,
          defaultMessage: (args: ValidationArguments) =>
            rule(String(args.value), args.object as Record<string, unknown>)[slot] ?? `${String(propertyName)} is invalid`,
        },
      });
    }
  };
}
