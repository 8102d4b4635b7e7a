import { CommitStockHandler } from './commit-stock/commit-stock.handler.js';
import { CommitStockMessageController } from './commit-stock/commit-stock.message.controller.js';
import { ReleaseExpiredReservationsHandler } from './release-expired-reservations/release-expired-reservations.handler.js';
import { ReleaseStockHandler } from './release-stock/release-stock.handler.js';
import { ReleaseStockMessageController } from './release-stock/release-stock.message.controller.js';
import { ReserveStockHandler } from './reserve-stock/reserve-stock.handler.js';
import { ReserveStockMessageController } from './reserve-stock/reserve-stock.message.controller.js';
import { SetStockLevelHandler } from './set-stock-level/set-stock-level.handler.js';
import { SetStockLevelHttpController } from './set-stock-level/set-stock-level.http.controller.js';

export const CommandHandlers = [
  ReserveStockHandler,
  ReleaseStockHandler,
  CommitStockHandler,
  SetStockLevelHandler,
  ReleaseExpiredReservationsHandler,
];
export const CommandControllers = [
  ReserveStockMessageController,
  ReleaseStockMessageController,
  CommitStockMessageController,
  SetStockLevelHttpController,
];
