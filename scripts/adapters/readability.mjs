// Baseline extractor for `npm run eval:extract`: Mozilla Readability over a linkedom DOM, the
// combination that benchmarks/extraction/SOURCE.md in ../shared (beside the repository) measures
// (F1 0.947, P 0.914, R 0.982).
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

/** The article text Readability finds, as the harness expects it. */
export function extract(html) {
  const { document } = parseHTML(html);
  return { text: new Readability(document).parse()?.textContent ?? '' };
}
