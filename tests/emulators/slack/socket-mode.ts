// Socket Mode on the emulator (https://docs.slack.dev/apis/events-api/using-socket-mode): the app calls
// apps.connections.open with its xapp- token, connects a WebSocket to the returned URL, receives
// `{"type":"hello"}`, then envelopes `{envelope_id, type: events_api|slash_commands|interactive, payload,
// accepts_response_payload, retry_attempt, retry_reason}` and answers each with `{envelope_id, payload?}`.
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketModeEmulator {
  connections(): number;
  /** Send an envelope to the connected app; resolves with its ack message. */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    retryAttempt?: number,
  ): Promise<{ envelope_id: string; payload?: unknown }>;
  /** Drop every connection (as Slack does on a refresh). */
  disconnectAll(): void;
}

export function attachSocketMode(server: Server): SocketModeEmulator {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const waiting = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  let seq = 0;
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/link/')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) waiting.get(msg.envelope_id)?.(msg as { envelope_id: string; payload?: unknown });
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          debug_info: { host: 'emulator', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0VITALITY' },
        }),
      );
    });
  });
  server.on('close', () => wss.close());
  return {
    connections: () => sockets.size,
    send(type, payload, retryAttempt = 0) {
      const ws = [...sockets][0];
      if (!ws) return Promise.reject(new Error('no socket mode connection'));
      const envelope_id = `env-${++seq}`;
      return new Promise((resolve) => {
        waiting.set(envelope_id, resolve);
        ws.send(
          JSON.stringify({
            envelope_id,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: retryAttempt,
            retry_reason: retryAttempt ? 'timeout' : '',
          }),
        );
      });
    },
    disconnectAll() {
      for (const ws of sockets) ws.terminate();
    },
  };
}
