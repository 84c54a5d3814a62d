/**
 * What a composition root builds, it registers here; disposing undoes everything in reverse
 * order (VS Code's `_register` pattern), so nothing started is forgotten at quit and a
 * service is never stopped before the ones that still use it.
 */
export type Disposer = () => void | Promise<void>;

export class Disposables {
  private readonly items: Disposer[] = [];
  private disposed = false;

  /** Registers a clean-up step and returns the value it guards, for one-line use. */
  add<T>(value: T, dispose: (value: T) => void | Promise<void>): T {
    if (this.disposed) throw new Error('Disposables: already disposed');
    this.items.push(() => dispose(value));
    return value;
  }

  /** Runs every step, newest first; a failing step does not stop the others. */
  async dispose(onError: (err: unknown) => void = () => {}): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.items.splice(0).reverse()) {
      try {
        await d();
      } catch (err) {
        onError(err);
      }
    }
  }
}
