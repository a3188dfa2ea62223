import { z } from 'zod';
import { methodParams, isMethodName, type Handlers } from '../../shared/contract';
import { AppError, fail, failWith, ok, type Result } from '../../shared/result';

export type Dispatch = (method: unknown, params: unknown) => Promise<Result<unknown>>;

/**
 * The single entry both transports (IPC and the browser host) call: unknown methods and
 * malformed payloads are refused here, before any handler runs, and nothing thrown escapes —
 * not from a handler, and not from validation itself (a hostile payload can make that throw).
 */
export function createDispatcher(
  handlers: Handlers,
  logError: (error: unknown) => void = console.error,
): Dispatch {
  return async (method, params) => {
    try {
      return await run(handlers, method, params);
    } catch (error) {
      // Its text travels too: the reader is told it in their language.
      if (error instanceof AppError) return failWith(error);
      logError(error);
      return fail('internal', 'main.api.internal');
    }
  };
}

async function run(handlers: Handlers, method: unknown, params: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return fail('unknown-method', 'main.api.unknownMethod', { method: String(method) });
  }
  const parsed = methodParams[method].safeParse(params ?? {});
  if (!parsed.success) {
    return fail('invalid-params', 'main.api.invalidParams', {
      method,
      detail: z.prettifyError(parsed.error),
    });
  }
  const handler = handlers[method] as (p: unknown) => Promise<unknown>;
  return ok(await handler(parsed.data));
}
