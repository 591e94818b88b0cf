// The desk's answer, inferred from the API contract (src/contract/desk.ts).
import type { Answer } from '../../../../src/contract/index.js';

export type Desk = Answer<'GET /hr/desk'>;
