import { formatProblem } from './problems.js';

describe('problem+json on the terminal', () => {
  it('one line for the problem with its code, then one per field with its pointer', () => {
    const lines = formatProblem(422, {
      status: 422,
      code: 'INCIDENT.BUNDLE_REJECTED',
      detail: 'The bundle was rejected with 2 problems; nothing was stored.',
      errors: [
        { pointer: '/objects/2/pattern', detail: 'invalid STIX pattern at position 19:\n expected a literal', code: 'STIX.PATTERN_SYNTAX' },
        { pointer: '/objects/2/created', detail: 'must end in Z' },
      ],
    });
    expect(lines).toEqual([
      'error: The bundle was rejected with 2 problems; nothing was stored. [INCIDENT.BUNDLE_REJECTED]',
      '/objects/2/pattern: invalid STIX pattern at position 19: expected a literal [STIX.PATTERN_SYNTAX]',
      '/objects/2/created: must end in Z',
    ]);
  });

  it('names the whole document as / when a problem has an empty pointer', () => {
    expect(formatProblem(415, { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', detail: 'Send JSON.', errors: [{ pointer: '', detail: 'Content-Type: text/plain' }] })[1]).toBe('/: Content-Type: text/plain');
  });

  it('falls back on the title, and on the status and text when the answer is no problem document', () => {
    expect(formatProblem(404, { title: 'Not Found', errors: [] })).toEqual(['error: Not Found']);
    expect(formatProblem(502, null, '<html>\n<body>Bad gateway</body></html>')).toEqual(['error: the hub answered HTTP 502: <html> <body>Bad gateway</body></html>']);
    expect(formatProblem(500, null)).toEqual(['error: the hub answered HTTP 500']);
  });
});
