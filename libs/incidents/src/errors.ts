// The codes of the incidents context (cases, reports, coordination), declared once (STYLE 14).
import { declareErrors } from '@isac/problems';

export const INCIDENT_ERRORS = declareErrors('incidents', {
  /** missing, or a case the caller may not read: the same answer */
  notFound: ['INCIDENT.NOT_FOUND', 404],
  invalid: ['INCIDENT.INVALID', 400],
  forbidden: ['INCIDENT.FORBIDDEN', 403],
  /** a concurrent filing, or a follow-up whose `modified` is not later than the case's */
  conflict: ['INCIDENT.CONFLICT', 409],
  /** 422: the bundle is well-formed JSON but not a report the hub can store (STIX or report rules); `errors` lists each problem */
  bundleRejected: ['INCIDENT.BUNDLE_REJECTED', 422],
  /** 400: a follow-up report without the stage it fulfils — a required input is missing */
  stageRequired: ['INCIDENT.STAGE_REQUIRED', 400],
  /** 409: a closed case takes no new message until reopened — the case's state, not the request, is in the way */
  closed: ['INCIDENT.CLOSED', 409],
  /** 409: closing a closed case — a state conflict */
  alreadyClosed: ['INCIDENT.ALREADY_CLOSED', 409],
  /** 409: reopening an open case — a state conflict */
  notClosed: ['INCIDENT.NOT_CLOSED', 409],
  /** 400: closing without a final report needs a reason — a required input is missing */
  closeReasonRequired: ['INCIDENT.CLOSE_REASON_REQUIRED', 400],
  /** 422: a message may not be marked wider than its case (a TLP rule refuses a well-formed request) */
  messageTlpWiderThanCase: ['INCIDENT.MESSAGE_TLP_WIDER_THAN_CASE', 422],
  // 422: a stage the reporting regime's sequence does not allow now (NIS2 Art. 23, DORA Art. 19) — a rule
  // of the regime refuses a well-formed report; nothing changed under the caller, so not 409
  nis2AlreadyFinal: ['NIS2.ALREADY_FINAL', 422],
  nis2DuplicateStage: ['NIS2.DUPLICATE_STAGE', 422],
  nis2EarlyWarningSuperseded: ['NIS2.EARLY_WARNING_SUPERSEDED', 422],
  nis2NotificationRequired: ['NIS2.NOTIFICATION_REQUIRED', 422],
  doraNoEarlyWarning: ['DORA.NO_EARLY_WARNING', 422],
  doraNoProgressReport: ['DORA.NO_PROGRESS_REPORT', 422],
});
