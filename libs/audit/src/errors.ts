// The codes of the audit context, declared once (STYLE 14).
import { declareErrors } from '@isac/problems';

export const AUDIT_ERRORS = declareErrors('audit', {
  /** the audit log is for the centre's admins */
  forbidden: ['AUDIT.FORBIDDEN', 403],
  /** `before` is not the `next` of a previous page */
  invalid: ['AUDIT.INVALID', 400],
});
