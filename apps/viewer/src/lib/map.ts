import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Place } from '@galley/corpus';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { html } from 'hono/html';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { entityHref } from './names.js';
import { type Html, plural } from './views/layout.js';

const width = 960;
const height = 480;

/** The land outline, drawn once per process from world-atlas (Natural Earth 1:110m), read from disk: nothing is fetched. */
let land: { path: string; project: (lon: number, lat: number) => [number, number] | null } | undefined;

function world() {
  if (land) return land;
  const file = createRequire(import.meta.url).resolve('world-atlas/land-110m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ land: GeometryCollection }>;
  const shape = feature(topology, topology.objects.land);
  const projection = geoEqualEarth().fitSize([width, height], shape);
  land = {
    path: geoPath(projection)(shape) ?? '',
    project: (lon, lat) => projection([lon, lat]),
  };
  return land;
}

/**
 * A world map of places as server-rendered SVG: the land, and a circle per place whose area grows
 * with its mentions, each a link to the place's page with a `<title>` (name, mentions, articles).
 * Names are escaped by the template; no script is needed to read it.
 */
export function placesMap(places: Place[]): Html {
  const { path, project } = world();
  const max = Math.max(1, ...places.map((p) => p.mentions));
  const points = places
    .map((place) => ({ place, at: project(place.geo.lon, place.geo.lat) }))
    .filter((p): p is { place: Place; at: [number, number] } => p.at !== null && p.at.every(Number.isFinite));
  // Largest first, so small places stay on top and can be hovered.
  points.sort((a, b) => b.place.mentions - a.place.mentions);
  return html`<figure class="map">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc" data-map>
<title id="map-title">Places mentioned in the corpus</title>
<desc id="map-desc">${plural(points.length, 'place')} on a world map; each circle's area is proportional to how often the place is mentioned.</desc>
<path class="land" d="${path}"></path>
${points.map(({ place, at }) => {
  const r = 2 + 14 * Math.sqrt(place.mentions / max);
  return html`<a href="${entityHref(place.label, place.name)}" class="place"><circle cx="${at[0].toFixed(1)}" cy="${at[1].toFixed(1)}" r="${r.toFixed(1)}"><title>${place.name}: ${plural(place.mentions, 'mention')} in ${plural(place.articles, 'article')}</title></circle></a>`;
})}
</svg>
</figure>`;
}
