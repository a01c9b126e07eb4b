// The codes of the infrastructure register, declared once (STYLE 14).
import { declareErrors } from '@isac/problems';

export const INFRASTRUCTURE_ERRORS = declareErrors('infrastructure', {
  /** missing, or another organisation's entry the caller may not read: the same answer */
  notFound: ['INFRASTRUCTURE.NOT_FOUND', 404],
  invalid: ['INFRASTRUCTURE.INVALID', 400],
  /** only the entry's own organisation changes or removes it */
  forbidden: ['INFRASTRUCTURE.FORBIDDEN', 403],
  /** 422: a well-formed bundle the register cannot take (STIX or register rules); `errors` names each object at fault, nothing is stored */
  bundleRejected: ['INFRASTRUCTURE.BUNDLE_REJECTED', 422],
});
