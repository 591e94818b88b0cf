// The sandbox's chat history: one conversation per person. Every change bumps a global version so the page
// can poll for news. The adapter holds a SandboxChatStore and never touches the database itself: the app
// wires the database's (src/domain/delivery/sandbox-chat.ts), so every instance behind a load balancer serves
// the same chat; ChatStore here keeps it in memory, for a lone adapter (unit tests, tools).
import type { CardView } from '../../cards/view.js';

export interface ChatMessage {
  id: string;
  from: 'user' | 'bot';
  text?: string;
  card?: CardView;
  version: number;
}

/** Where the sandbox chat lives. A message added again with the same idempotency key (a resend after a crash,
 *  an event retried) is the first one, never a second. */
export interface SandboxChatStore {
  add(conversation: string, m: Omit<ChatMessage, 'id' | 'version'>, idempotencyKey?: string): Promise<ChatMessage>;
  /** Show `card` in place of message `id`'s; false when there is no such message. */
  replaceCard(id: string, card: CardView): Promise<boolean>;
  get(id: string): Promise<{ conversation: string; message: ChatMessage } | undefined>;
  /** The conversation's messages changed after `version`. */
  since(conversation: string, version: number): Promise<ChatMessage[]>;
  currentVersion(): Promise<number>;
}

/** The chat in this process's memory, the last `maxPerConversation` messages of each conversation. */
export class ChatStore implements SandboxChatStore {
  private version = 0;
  private readonly conversations = new Map<string, ChatMessage[]>();
  private readonly byId = new Map<string, { conversation: string; message: ChatMessage }>();
  private readonly byIdempotencyKey = new Map<string, string>();
  private seq = 0;

  constructor(private readonly maxPerConversation = 200) {}

  async add(
    conversation: string,
    m: Omit<ChatMessage, 'id' | 'version'>,
    idempotencyKey?: string,
  ): Promise<ChatMessage> {
    const existing = idempotencyKey ? this.byIdempotencyKey.get(idempotencyKey) : undefined;
    if (existing) return this.byId.get(existing)!.message;
    const message: ChatMessage = { ...m, id: `m${++this.seq}`, version: ++this.version };
    const list = this.conversations.get(conversation) ?? [];
    list.push(message);
    if (list.length > this.maxPerConversation) list.splice(0, list.length - this.maxPerConversation);
    this.conversations.set(conversation, list);
    this.byId.set(message.id, { conversation, message });
    if (idempotencyKey) this.byIdempotencyKey.set(idempotencyKey, message.id);
    return message;
  }

  async replaceCard(id: string, card: CardView): Promise<boolean> {
    const hit = this.byId.get(id);
    if (!hit) return false;
    hit.message.card = card;
    hit.message.version = ++this.version;
    return true;
  }

  async get(id: string): Promise<{ conversation: string; message: ChatMessage } | undefined> {
    return this.byId.get(id);
  }

  async since(conversation: string, version: number): Promise<ChatMessage[]> {
    return (this.conversations.get(conversation) ?? []).filter((m) => m.version > version);
  }

  async currentVersion(): Promise<number> {
    return this.version;
  }
}
