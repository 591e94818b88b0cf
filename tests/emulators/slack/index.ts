export * from './web-api.js';
export * from './sender.js';
export * as payloads from './payloads.js';
