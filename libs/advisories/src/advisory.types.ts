export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type AdvisoryKind = 'advisory' | 'alert';
export type WebhookState = 'pending' | 'delivered' | 'dead-lettered';

/** The audience as written in a request: slugs of organisations and names of sectors. */
export interface AdvisoryAudience {
  all?: boolean;
  sectors?: string[];
  organisations?: string[];
}
