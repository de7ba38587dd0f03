/**
 * Subscribing with handlers, the way RxJS's own operators do: a `Subscriber` whose `_next` is the handler
 * itself. `subscribe({ next, error, complete })` wraps the observer in a safe subscriber that forwards each
 * value through one more object and a try/catch; for a source read value by value (a bounded array) that
 * hop is a noticeable share of the cost. The handlers must not throw (they report their own errors).
 */
import { Subscriber, type Observer } from 'rxjs';

export class HandlerSubscriber<T> extends Subscriber<T> {
  constructor(handlers: Observer<T>) {
    super();
    this._next = handlers.next;
    this._error = (err: unknown): void => {
      try {
        handlers.error(err);
      } finally {
        this.unsubscribe();
      }
    };
    this._complete = (): void => {
      try {
        handlers.complete();
      } finally {
        this.unsubscribe();
      }
    };
  }
}
