import { raw } from 'hono/html';

/** A few layout rules for the key-figure pages (inline: style-src allows it; app.css belongs to the foundation). */
const css = `
.kf-subnav-list{display:flex;flex-wrap:wrap;gap:0 1.5rem;margin:0 0 1.5rem 0;padding:0}
.kf-subnav-list a[aria-current=page]{font-weight:600;text-decoration:none}
.kf-sparkline{vertical-align:middle}
.kf-rule{border-left:4px solid #004993;padding:.5rem 1rem;margin:1rem 0;background:#f5f5f5}
.kf-map-wrap{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.kf-map{width:100%;max-width:720px;height:520px;border:1px solid #747474;background:#fff}
/* Only the server-drawn map: Leaflet's own SVG layer sizes itself (a 100 % rule here shrank it to 0×0). */
.kf-map>svg{width:100%;height:100%}
.kf-map>svg path{stroke:#1a1a1a;stroke-width:.8}
.kf-legend{list-style:none;padding:0;margin:0}
.kf-legend li{display:flex;align-items:center;gap:.5rem;margin:.25rem 0}
.kf-swatch{display:inline-block;width:1.5rem;height:1rem;border:1px solid #1a1a1a}
progress.kf-progress{width:100%;max-width:30rem;height:1.25rem}
`;

export const kfHead = (extra?: unknown) => (
  <>
    <style>{raw(css)}</style>
    {extra}
  </>
);
