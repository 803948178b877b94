/**
 * Remembers a pure function of a string for up to `max` distinct arguments, then forgets them all
 * at once (the hot arguments come right back). For parsers and validators that see the same few
 * strings over and over: quantities, label keys, image references.
 */
export function memoByString<T>(fn: (text: string) => T, max: number): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text)!;
    const value = fn(text);
    if (known.size >= max) known.clear();
    known.set(text, value);
    return value;
  };
}
