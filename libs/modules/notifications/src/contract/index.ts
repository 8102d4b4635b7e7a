export { CustomerMessageDto, type CustomerMessageKind } from './customer-message.dto.js';
