import type { Place } from '@galley/corpus';
import { html } from 'hono/html';
import { placesMap } from '../map.js';
import { entityHref } from '../names.js';
import { type Html, count, exportLinks, layout } from './layout.js';

/** Where stories happen: the places with coordinates on a world map, and as a table. */
export function placesPage(places: Place[], limit: number): Html {
  const body = html`
<section class="list-head"><h1>Places</h1>
<p class="hint">Places the entities stage located (GeoNames), sized by mentions; the ${count(limit)} most mentioned are shown.</p></section>
${places.length ? placesMap(places) : html`<p class="notice">No place in the corpus has coordinates yet.</p>`}
${exportLinks('places', {}, 'all places')}
<table class="ranking">
  <thead><tr><th scope="col">Place</th><th scope="col">Country</th><th scope="col" class="n">Mentions</th><th scope="col" class="n">Articles</th><th scope="col" class="n">Latitude</th><th scope="col" class="n">Longitude</th></tr></thead>
  <tbody>${places.map(
    (p) => html`<tr><td><a href="${entityHref(p.label, p.name)}">${p.name}</a></td><td>${p.geo.country}</td>
    <td class="n">${count(p.mentions)}</td><td class="n">${count(p.articles)}</td><td class="n">${p.geo.lat.toFixed(2)}</td><td class="n">${p.geo.lon.toFixed(2)}</td></tr>`,
  )}</tbody>
</table>`;
  return layout('Places', 'places', body);
}
