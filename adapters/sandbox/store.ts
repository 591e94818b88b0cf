// The sandbox's chat history: one conversation per person, in memory (it is a try-it-out chat; the
// database stays the domain's). Every change bumps a global version so the page can poll for news.
import type { CardView } from '../../cards/view.js';

export interface ChatMessage {
  id: string;
  from: 'user' | 'bot';
  text?: string;
  card?: CardView;
  version: number;
}

export class ChatStore {
  private version = 0;
  private readonly conversations = new Map<string, ChatMessage[]>();
  private readonly byId = new Map<string, { conversation: string; message: ChatMessage }>();
  private readonly byIdempotencyKey = new Map<string, string>();
  private seq = 0;

  constructor(private readonly maxPerConversation = 200) {}

  add(conversation: string, m: Omit<ChatMessage, 'id' | 'version'>, idempotencyKey?: string): ChatMessage {
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

  replaceCard(id: string, card: CardView): boolean {
    const hit = this.byId.get(id);
    if (!hit) return false;
    hit.message.card = card;
    hit.message.version = ++this.version;
    return true;
  }

  get(id: string): { conversation: string; message: ChatMessage } | undefined {
    return this.byId.get(id);
  }

  since(conversation: string, version: number): ChatMessage[] {
    return (this.conversations.get(conversation) ?? []).filter((m) => m.version > version);
  }

  get currentVersion(): number {
    return this.version;
  }
}
