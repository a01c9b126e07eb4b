// @isac/crisis — major cyber incidents: one coordination room per incident (DESIGN §8, issue 19).
export * from './crisis-http.module.js';
export * from './crisis.module.js';
export { CRISIS_ERRORS } from './errors.js';
export { EXERCISE_GATE, type ExerciseGate } from './exercise-gate.js';
export { EXERCISE_PREFIX, exerciseTitle } from './exercise-marks.js';
export { caseProblems, type CandidateCase } from './linked-cases.js';
export { MajorIncidentsService, type DeclareRequest } from './major-incidents.service.js';
export { SECTOR_STATES, type SectorState } from './major-incident.types.js';
export { sitrepCadence, type SitrepCadence } from './sitrep-cadence.js';
export { minutesToAcknowledge, statusBoard, type BoardRow } from './status-board.js';
export { EXERCISE_MARK, postIncidentReport } from './post-incident-report.js';
export { postIncidentReportHtml } from './post-incident-report-html.js';
export { PostIncidentService, type ReportFormat } from './post-incident.service.js';
export { sitrepSweep, reminderLeadMs, type SitrepReminder } from './sitrep-reminders.js';
export { SitrepRemindersService, type SitrepSweepResult } from './sitrep-reminders.service.js';
export { SitrepRemindersProcessor } from './sitrep-reminders.processor.js';
export { SITREP_REMINDERS_EVERY_MS, SITREP_REMINDERS_QUEUE, type SitrepReminderJobs } from './queues.js';

import { MajorIncidentEntity } from './major-incident.entity.js';
import { RoomEntryEntity } from './room-entry.entity.js';
export const CRISIS_ENTITIES = [MajorIncidentEntity, RoomEntryEntity];
