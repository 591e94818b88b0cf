import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/bot/fuzzy.js';
import { Router, parseCommandText } from '../../src/bot/router.js';

describe('parseCommandText', () => {
  it('splits a command and its arguments', () => {
    expect(parseCommandText('/points top month')).toEqual({ name: 'points', args: 'top month' });
    expect(parseCommandText('  /HELP  ')).toEqual({ name: 'help', args: '' });
    expect(parseCommandText('/报告 本月')).toEqual({ name: '报告', args: '本月' });
  });
  it('is undefined for plain text', () => {
    expect(parseCommandText('hello there')).toBeUndefined();
    expect(parseCommandText('//')).toBeUndefined();
  });
});

describe('suggest', () => {
  const names = ['help', 'lang', 'whoami', 'points', 'report'];
  it('finds a near miss or a prefix', () => {
    expect(suggest('hepl', names)).toBe('help');
    expect(suggest('poitns', names)).toBe('points');
    expect(suggest('rep', names)).toBe('report');
    expect(suggest('who', names)).toBe('whoami');
  });
  it('suggests nothing for something unrelated', () => {
    expect(suggest('xyzzy', names)).toBeUndefined();
  });
  it('computes edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('hepl', 'help')).toBe(1);
  });
});

describe('Router', () => {
  const noop = () => undefined;
  it('lists only the commands a role may use, in order', () => {
    const r = new Router()
      .command({ name: 'help', summary: 'cmd.help.summary', run: noop })
      .command({ name: 'report', roles: ['hr', 'manager'], summary: 'cmd.help.summary', run: noop })
      .command({ name: 'admin', roles: ['admin'], summary: 'cmd.help.summary', run: noop });
    expect(r.commandsFor(['employee']).map((c) => c.name)).toEqual(['help']);
    expect(r.commandsFor(['employee', 'hr']).map((c) => c.name)).toEqual(['help', 'report']);
  });
  it('finds commands by alias, case-insensitively', () => {
    const r = new Router().command({ name: 'help', aliases: ['帮助'], summary: 'cmd.help.summary', run: noop });
    expect(r.findCommand('HELP')?.name).toBe('help');
    expect(r.findCommand('帮助')?.name).toBe('help');
    expect(r.findCommand('nope')).toBeUndefined();
  });
  it('refuses a name registered twice', () => {
    const r = new Router().command({ name: 'help', summary: 'cmd.help.summary', run: noop });
    expect(() => r.command({ name: 'x', aliases: ['help'], summary: 'cmd.help.summary', run: noop })).toThrow(/twice/);
    r.action({ k: 'a', run: () => ({ outcome: 'handled' }) });
    expect(() => r.action({ k: 'a', run: () => ({ outcome: 'handled' }) })).toThrow(/twice/);
  });
});
