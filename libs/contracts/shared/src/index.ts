/**
 * Value shapes that several module contracts share (`#contracts/shared`): money, the formats of
 * SKUs, order ids and card tokens, and a request naming an order (with its OpenAPI path
 * parameter). Only DTO classes and patterns live here, no behaviour, so a
 * module's contract can use them without depending on the contract of the module that first
 * needed them.
 */
export { CARD_TOKEN_PATTERN, ORDER_ID_PATTERN, SKU_PATTERN } from './identifiers.js';
export { MoneyDto } from './money.dto.js';
export { ApiOrderIdParam, OrderIdRequest } from './order-id.request.js';
