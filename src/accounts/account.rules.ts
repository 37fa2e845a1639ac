import { DomainError } from '../common/domain-error.js';

// Lower-case letters, digits and . _ -, 3 to 80 characters: typed on a phone, read over the phone,
// never two accounts that differ only in case.
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,79}$/;
export const USERNAME_RULE =
  'a username is 3 to 80 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit';

// Mainland mobile numbers and most others: digits with an optional +, spaces or dashes.
export const PHONE = /^\+?[0-9][0-9 -]{5,30}$/;
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,252}\.[^\s@]{1,63}$/;

export const usernameTaken = (username: string) =>
  new DomainError(
    'ACCOUNT_USERNAME_TAKEN',
    `the username "${username}" is already taken; choose another (e.g. add the organisation or a digit)`,
    { username },
  );

// PostgreSQL's unique violations on account, told apart by constraint (never by the row's values).
export const ACCOUNT_UNIQUE = {
  username: ['UQ_41dfcb70af895ddf9a53094515b', 'UQ_76f13f0e245bfa16cfa4693a5f5'],
  person: ['UQ_73b5a14ecc8f5529ea98a746d51'],
};

export const uniqueViolationOf = (e: unknown): string | null => {
  const err = e as { code?: string; constraint?: string; driverError?: { constraint?: string } };
  if (
    err.code !== '23505' &&
    (err as { driverError?: { code?: string } }).driverError?.code !== '23505'
  )
    return null;
  return err.constraint ?? err.driverError?.constraint ?? '';
};
