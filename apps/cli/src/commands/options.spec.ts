import { Command } from 'commander';
import { nextPageHint, pagingOptions, watchOptions } from './options.js';

/** Parses `args` with the options given; what the action received, or the error commander raised. */
function parse(define: (command: Command) => Command, args: string[]): Record<string, unknown> {
  let received: Record<string, unknown> = {};
  const command = define(new Command('list'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .action((opts: Record<string, unknown>) => {
      received = opts;
    });
  command.parse(args, { from: 'user' });
  return received;
}

describe('the options the list and watch commands share', () => {
  it('--limit is a whole number of at least 1, --cursor passes as given', () => {
    expect(parse((c) => pagingOptions(c, 'cases'), ['--limit', '20', '--cursor', 'abc'])).toEqual({ limit: 20, cursor: 'abc' });
    expect(parse((c) => pagingOptions(c, 'cases'), [])).toEqual({});
    for (const bad of ['0', '2.5', 'ten']) expect(() => parse((c) => pagingOptions(c, 'cases'), ['--limit', bad])).toThrow(/whole number of at least 1/);
  });

  it("names the page's items in the help, and the interval's default in seconds", () => {
    expect(pagingOptions(new Command('list'), 'cases').helpInformation()).toContain('cases on the page (1-200)');
    expect(watchOptions(new Command('watch'), 'changes').helpInformation()).toMatch(/--interval <seconds> +how often --watch looks \(default: 2\)\n/);
  });

  it('--interval is in seconds, 2 unless given, between 0.5 and 3600', () => {
    expect(parse((c) => watchOptions(c, 'changes'), ['--watch'])).toEqual({ watch: true, interval: 2000 });
    expect(parse((c) => watchOptions(c, 'changes'), ['--watch', '--interval', '0.5'])).toEqual({ watch: true, interval: 500 });
    for (const bad of ['0.4', '3601', 'soon']) expect(() => parse((c) => watchOptions(c, 'changes'), ['--interval', bad])).toThrow(/between 0\.5 and 3600/);
  });

  it('says how to get the next page', () => {
    expect(nextPageHint('isac inbox', 'c2')).toBe('more: isac inbox --cursor c2');
  });
});
