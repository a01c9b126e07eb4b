// Issue 19: whatever an exercise created says so on every list row and page, in words (never by
// colour alone), so nobody mistakes a drill for a real incident or a real one for a drill.
import { h } from './dom.js';

/** The word EXERCISE beside an item's title in a list; null for real work. */
export function exerciseBadge(item) {
  return item?.exercise ? h('span', { class: 'exercise-badge', 'data-exercise': 'badge', text: 'EXERCISE' }) : null;
}

/** The banner atop an exercise's page or message: what it is and that it is not real; null for real work. */
export function exerciseBanner(item, what) {
  if (!item?.exercise) return null;
  return h('p', { class: 'exercise-banner', role: 'note', 'data-exercise': 'banner' },
    h('strong', { text: 'EXERCISE' }),
    ` — this ${what} is part of a preparedness exercise, not a real event. It counts in no real work and is removed when the exercise is purged.`);
}
