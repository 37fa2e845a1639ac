export class PasswordGateFullError extends Error {
  constructor() {
    super('too many password checks are waiting');
    this.name = 'PasswordGateFullError';
  }
}

// Bounds the concurrent scrypt derivations (each takes a libuv thread and ~32 MiB), so logins cannot
// occupy every thread the database driver, files and DNS also need; a bounded queue waits, and
// beyond it a login is refused at once rather than slowing every other login down.
export class PasswordGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    else if (this.waiting.length < this.queueLimit)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw new PasswordGateFullError();
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `active` only falls when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
