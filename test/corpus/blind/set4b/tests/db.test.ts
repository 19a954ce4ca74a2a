import { Pool } from 'pg';
import Redis from 'ioredis';
import request from 'supertest';
import { buildApp } from '../src/app';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://test:test@localhost:5432/test';
jest.setTimeout(30000);

describe('orders api', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const redis = new Redis('redis://127.0.0.1:6380/0');

  afterAll(async () => { await pool.end(); redis.disconnect(); });

  it('returns 404 for unknown order', async () => {
    const res = await request(buildApp()).get('/orders/999999');
    expect(res.status).toBe(404);
  });

  it('rejects a bad page size', async () => {
    const res = await request(buildApp()).get('/orders?limit=5000');
    expect(res.status).toBe(422);
    expect(res.body.max).toBe(100);
  });

  it('talks to the stub payment service', async () => {
    const res = await fetch('http://127.0.0.1:58080/charge', { method: 'POST' });
    expect(res.ok).toBe(true);
  });
});
