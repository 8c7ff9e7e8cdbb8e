/** hono/jsx renders no doctype: every full page goes through here. */
export const renderPage = (node: unknown): string => `<!doctype html>${String(node)}`;
