export function pageKey(url: string): string;
export function threadKey(url: string): string;
export function shingles(text: string): Set<string>;
export function jaccard(a: Set<string>, b: Set<string>): number;
