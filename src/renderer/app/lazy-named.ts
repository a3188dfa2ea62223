import { lazy, type ComponentType } from 'react';

/**
 * `React.lazy` for a module's named export: the component's code becomes a chunk of its own,
 * fetched when it first renders (inside a `<Suspense>`).
 */
export function lazyNamed<Module, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
): Module[Name] {
  return lazy(async () => ({
    default: (await load())[name] as ComponentType<unknown>,
  })) as unknown as Module[Name];
}
