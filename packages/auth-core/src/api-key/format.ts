/** The prefix of every API key; it makes leaked keys findable by secret scanners. */
export const API_KEY_PREFIX = 'nc_';

/** The length of an API key: `nc_` (3) + 43 random base62 characters + 6 checksum characters = 52. */
export const API_KEY_LENGTH = 52;

/** Where the random part ends and the CRC32 checksum starts. */
export const CHECKSUM_START = API_KEY_LENGTH - 6;
