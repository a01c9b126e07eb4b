// The codes of the advisories context (advisories, alerts, inboxes, webhooks), declared once (STYLE 14).
import { declareErrors } from '@isac/problems';

export const ADVISORY_ERRORS = declareErrors('advisories', {
  notFound: ['ADVISORY.NOT_FOUND', 404],
  invalid: ['ADVISORY.INVALID', 400],
  /** the Idempotency-Key was used for another request */
  idempotencyMismatch: ['ADVISORY.IDEMPOTENCY_MISMATCH', 409],
  /** the TLP policy refuses the marking for this audience */
  tlpViolation: ['ADVISORY.TLP_VIOLATION', 403],
  outOfScope: ['ADVISORY.OUT_OF_SCOPE', 403],
  /** attached STIX objects marked stricter than the advisory: well-formed, refused by the TLP rule */
  stixStricterThanAdvisory: ['ADVISORY.STIX_STRICTER_THAN_ADVISORY', 422],
  alertNotCentre: ['ALERT.NOT_CENTRE', 403],
  alertInvalid: ['ALERT.INVALID', 400],
  inboxNotFound: ['INBOX.NOT_FOUND', 404],
  inboxInvalid: ['INBOX.INVALID', 400],
  webhookForbidden: ['WEBHOOK.FORBIDDEN', 403],
  /**
   * 422, not 400: the URL passed the DTO's checks (a malformed one is REQUEST.VALIDATION_FAILED, 400);
   * what refuses it is the hub's egress rule, judged on where the name resolves (loopback, private,
   * link-local…) — a well-formed request refused by a rule, which is what 422 says.
   */
  webhookAddressRefused: ['WEBHOOK.ADDRESS_REFUSED', 422],
});
