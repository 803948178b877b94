/** The current route (the location hash), as a store: components re-render when it changes. */
import { create } from 'zustand';
import { type Route, parseRoute, routeHash } from './slots.ts';

export const useRoute = create<{ route: Route }>()(() => ({ route: parseRoute(location.hash) }));

window.addEventListener('hashchange', () => useRoute.setState({ route: parseRoute(location.hash) }));

/** Go to a route; `replace` rewrites the current history entry (a shared link once opened). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (options.replace) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  else if (location.hash !== hash) location.hash = hash;
  useRoute.setState({ route: parseRoute(hash) });
}
