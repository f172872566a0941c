/**
 * A response body that is JSON text already (serialized by PostgreSQL): sent as it is, not
 * parsed and encoded again.
 */
export class JsonText {
  constructor(readonly text: string) {}

  /** The value, for in-process callers (tests, tools). */
  parse<T = unknown>(): T {
    return JSON.parse(this.text) as T;
  }
}
