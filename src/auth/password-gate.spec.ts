import { describe, expect, it } from '@jest/globals';
import { PasswordGate, PasswordGateFullError } from './password-gate.js';

// A task that finishes only when the test says so.
function held() {
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => done, release };
}

describe('PasswordGate', () => {
  it('runs up to its concurrency, queues up to its limit, and refuses beyond at once', async () => {
    const gate = new PasswordGate(2, 1);
    const [a, b, c] = [held(), held(), held()];
    const started: string[] = [];
    const run = (name: string, h: ReturnType<typeof held>) =>
      gate.run(async () => {
        started.push(name);
        await h.task();
        return name;
      });
    const ra = run('a', a);
    const rb = run('b', b);
    const rc = run('c', c);
    await expect(gate.run(async () => 'd')).rejects.toBeInstanceOf(PasswordGateFullError);
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    a.release();
    await expect(ra).resolves.toBe('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    b.release();
    c.release();
    await expect(Promise.all([rb, rc])).resolves.toEqual(['b', 'c']);
    // Every slot came back: two run at once again.
    await expect(Promise.all([gate.run(async () => 1), gate.run(async () => 2)])).resolves.toEqual([
      1, 2,
    ]);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new PasswordGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
