// The codes of the metrics endpoint, declared once (STYLE 14).
import { declareErrors } from '@isac/problems';

export const METRICS_ERRORS = declareErrors('metrics', {
  /** metrics are for the centre's keys */
  forbidden: ['METRICS.FORBIDDEN', 403],
});
