import DataLoader from 'dataloader';

/**
 * Request-scoped DataLoaders, created on first use under a key. Tenancy knows no module:
 * each module names its loaders (including their arguments) and supplies the batch function.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** After a write, cached reads of this request may be stale. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}
