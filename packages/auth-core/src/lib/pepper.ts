/** The shortest pepper accepted: 16 characters, though 32 random bytes in base64url (43) are recommended. */
export const MIN_PEPPER_LENGTH = 16;

/** Throws on a pepper too short to key a hash: a configuration fault, not a denial. */
export function assertPepper(pepper: string): void {
  if (typeof pepper !== 'string' || pepper.length < MIN_PEPPER_LENGTH) {
    throw new TypeError(`the pepper must be a string of at least ${MIN_PEPPER_LENGTH} characters`);
  }
}
