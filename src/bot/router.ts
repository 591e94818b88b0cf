// Command and action routing. Commands are looked up by name or alias and checked against the actor's
// roles; actions by their `k`. Handlers run inside the core's transaction.
import type { ActionRef, CardView, FormValues } from '../../cards/view.js';
import type { Role } from '../vocabulary.js';
import type { MessageKey } from '../i18n/index.js';
import type { HandlerContext } from './context.js';
import type { CoreResponse } from './port.js';

/** Handlers may read and write the database, which is asynchronous (PostgreSQL) or immediate (SQLite). */
type Awaitable<T> = T | Promise<T>;

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** Who may use (and see in /help) the command; everyone when omitted. */
  roles?: Role[];
  summary: MessageKey;
  run(ctx: HandlerContext, args: string): Awaitable<CoreResponse | void>;
}

export interface ActionDef {
  k: string;
  /** The form behind a button, for platforms that open forms in a separate view (Slack modals). */
  form?(ctx: HandlerContext, action: ActionRef): Awaitable<CardView | undefined>;
  /** Checked before `form` and `run`: a refusal (outcome 'invalid', a toast and no card) when this person may
   *  not press this button now, so that neither a form nor a redraw replaces a card others may share. */
  refuse?(ctx: HandlerContext, action: ActionRef): Awaitable<CoreResponse | undefined>;
  run(ctx: HandlerContext, action: ActionRef, values: FormValues | undefined): Awaitable<CoreResponse>;
}

export class Router {
  private readonly commands = new Map<string, CommandDef>();
  private readonly byAlias = new Map<string, CommandDef>();
  private readonly actions = new Map<string, ActionDef>();

  command(def: CommandDef): this {
    for (const n of [def.name, ...(def.aliases ?? [])]) {
      if (this.byAlias.has(n)) throw new Error(`command /${n} registered twice`);
      this.byAlias.set(n, def);
    }
    this.commands.set(def.name, def);
    return this;
  }

  action(def: ActionDef): this {
    if (this.actions.has(def.k)) throw new Error(`action ${def.k} registered twice`);
    this.actions.set(def.k, def);
    return this;
  }

  findCommand(name: string): CommandDef | undefined {
    return this.byAlias.get(name.toLowerCase());
  }

  findAction(k: string): ActionDef | undefined {
    return this.actions.get(k);
  }

  /** The commands a person may use, in registration order. */
  commandsFor(roles: readonly Role[]): CommandDef[] {
    return [...this.commands.values()].filter((c) => allowed(c, roles));
  }
}

export function allowed(def: CommandDef, roles: readonly Role[]): boolean {
  return !def.roles || def.roles.some((r) => roles.includes(r));
}

/** Split "/points top month" (or "points top month") into a command name and its arguments. */
export function parseCommandText(text: string): { name: string; args: string } | undefined {
  const m = /^\s*\/([^\s/]+)\s*([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), args: m[2]!.trim() };
}
