/**
 * Freezes an object graph. Shared values (answers built once, the messages rendered from them)
 * are frozen so a cache keyed by their identity can never hand out something changed since.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
