// The icon browsers show in the tab and bookmarks: a teal leaf ("元气") on a rounded square, as SVG so
// one small file is sharp at every size. /favicon.ico answers too, for clients that ask for it by name.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { appIconPng } from './app-icon.js';

export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" rx="14" fill="#0f766e"/>' +
  '<path d="M18 46c0-17 11-28 30-30-1 19-12 30-28 30" fill="#ecfdf5"/>' +
  '<path d="M18 46l16-16" stroke="#0f766e" stroke-width="3" stroke-linecap="round"/>' +
  '</svg>';

export function registerFavicon(app: FastifyInstance): void {
  const send = async (_req: unknown, reply: FastifyReply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG);
  app.get('/favicon.svg', send);
  app.get('/favicon.ico', send);
  // The app icon as PNG (240×240): for the Feishu/DingTalk developer console's app icon upload, and the
  // apple-touch-icon a phone's home screen uses.
  const png = async (_req: unknown, reply: FastifyReply) =>
    reply.type('image/png').header('cache-control', 'public, max-age=86400').send(appIconPng());
  app.get('/app-icon.png', png);
  app.get('/apple-touch-icon.png', png);
}
