/** Where the window loads an asset's image from (served by main's app:// handler, or the harness). */
export function assetUrl(id: string, variant: 'original' | 'thumb' = 'original'): string {
  return variant === 'thumb' ? `/assets/${id}/thumb` : `/assets/${id}`;
}
