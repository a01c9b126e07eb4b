// @isac/insights — the console's plots: incidents per sector and week, NIS2 deadline adherence, alert acknowledgement.
export * from './insights.js';
export { InsightsHttpModule } from './insights.module.js';
export { InsightsService } from './insights.service.js';
