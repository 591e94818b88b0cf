// The API contract (src/contract) holds at run time: a route that answers with a field the contract does not
// name, or without one it requires, is a 500 naming the field; a route outside the contract, or an endpoint
// without a route, stops the server from starting. The real routes are checked by every other API test,
// since the check is on outside production.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiContract } from '../../src/contract/index.js';
import { checkAnswers, contractIssues, requireContract, serve } from '../../src/web/serve.js';
import { meAnswer } from '../fixtures/contract/me-answer.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A fixture server: one route for 'GET /me' answering `answer`, with the contract check on. */
async function fixtureRoute(answer: unknown) {
  app = Fastify();
  await app.register(
    async (api) => {
      checkAnswers(api);
      // The fixture answers whatever it is given: the point is what the run-time check does with it.
      serve(api, 'GET /me', async () => answer as ReturnType<typeof meAnswer>);
    },
    { prefix: '/api' },
  );
  return app.inject({ method: 'GET', url: '/api/me' });
}

describe('the API contract', () => {
  it('lets an answer that is exactly the contract through', async () => {
    const res = await fixtureRoute(meAnswer());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(meAnswer());
  });

  it('refuses an answer with a field the contract does not name', async () => {
    const res = await fixtureRoute({ ...meAnswer(), salary: 9000 });
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toMatch(/GET \/me answered outside its contract.*salary/);
  });

  it('refuses an answer without a field the contract requires', async () => {
    const { isHr: _dropped, ...rest } = meAnswer();
    const res = await fixtureRoute(rest);
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toMatch(/GET \/me answered outside its contract: isHr/);
  });

  it('refuses a field of the wrong type', () => {
    const fault = contractIssues('GET /me', 200, { ...meAnswer(), roles: ['ceo'] });
    expect(fault?.issues.map((i) => i.path.join('.'))).toEqual(['roles.0']);
  });

  it('checks error bodies against the error shape', () => {
    expect(contractIssues('GET /me', 403, { error: 'Forbidden', code: 'role' })).toBeUndefined();
    expect(contractIssues('GET /me', 403, { error: 'Forbidden', person: 'Li Lei' })?.issues).toHaveLength(1);
  });

  it('will not start with a route outside the contract', async () => {
    app = Fastify();
    const server = app;
    const start = async () => {
      await server.register(
        async (api) => {
          requireContract(api);
          api.get('/salaries', async () => ({}));
        },
        { prefix: '/api' },
      );
      await server.ready();
    };
    await expect(start()).rejects.toThrow(/GET \/api\/salaries is not in the API contract/);
  });

  it('will not start with a contract endpoint that has no route', async () => {
    app = Fastify();
    await app.register(
      async (api) => {
        requireContract(api);
        serve(api, 'GET /me', async () => meAnswer());
      },
      { prefix: '/api' },
    );
    const others = Object.keys(apiContract).filter((k) => k !== 'GET /me');
    await expect(app.ready()).rejects.toThrow(`API contract endpoints without a route: ${others.join(', ')}`);
  });
});
