/** RFC 8288 Link header for a paged list (first, prev, next, last). */
export function pageLinks(path: string, page: number, perPage: number, total: number): string {
  const last = Math.max(1, Math.ceil(total / perPage));
  const link = (p: number, rel: string) => `<${path}?page=${p}&perPage=${perPage}>; rel="${rel}"`;
  return [
    link(1, 'first'),
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next')] : []),
    link(last, 'last'),
  ].join(', ');
}
