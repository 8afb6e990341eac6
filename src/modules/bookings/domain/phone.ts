/**
 * Phone numbers are stored in E.164 (`+` and up to 15 digits). Customers type
 * them as the seed does (`9876543210`): a number without a country code is a
 * national number of the shop's country, whose trunk prefix (leading 0) is dropped.
 */
const E164 = /^\+[1-9]\d{7,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

export function normalizePhone(input: string, defaultCallingCode: string): string | undefined {
  const compact = input.trim().replace(/[\s\-().]/g, '');
  let candidate: string;
  if (compact.startsWith('+')) candidate = compact;
  else if (compact.startsWith('00')) candidate = `+${compact.slice(2)}`;
  else candidate = `+${defaultCallingCode}${compact.replace(/^0+/, '')}`;
  return /^\+\d+$/.test(candidate) && E164.test(candidate) ? candidate : undefined;
}
