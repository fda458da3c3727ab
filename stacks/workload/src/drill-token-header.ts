// The request header that carries the drill token (drill-token.ts): the API checks it, the
// drills and the k6 scripts send it. Its own module, free of Node built-ins, so k6 can import it.
export const DRILL_TOKEN_HEADER = 'x-cloudmart-drill-token';
