/** SKUs are upper-case letters, digits and dashes, 2 to 64 characters. */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,63}$/;

/** Order ids are opaque: letters, digits, `-` and `_`, up to 64 characters. */
export const ORDER_ID_PATTERN = /^[\w-]{1,64}$/;

/** Card tokens from the payment provider: `tok_` and up to 60 lower-case letters, digits or `_`. */
export const CARD_TOKEN_PATTERN = /^tok_[a-z0-9_]{1,60}$/;
