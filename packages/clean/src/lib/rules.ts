import type { RemovedKind } from '@galley/document';
import { isCreditLine, splitCaptionCredit, stripParens } from './credit.js';
import { normaliseDate } from './metadata.js';

/** What a block of running text turned out to be. */
export type BlockVerdict =
  | { kind: 'body' }
  | { kind: 'heading' }
  | { kind: 'figure'; caption?: string; credit?: string; rule: string }
  | { kind: 'removed'; removed: RemovedKind; rule: string; value?: string };

/** Where a block sits, for the rules that depend on position or on the source's structure. */
export interface BlockContext {
  /** Whether the source marks structure itself (Markdown, HTML); shape-based headings and
   * captions are then left to the markup. */
  structured: boolean;
  /** Whether no body paragraph has come yet: an unpunctuated line there captions the lead photo. */
  beforeBody?: boolean;
}

/** Longest line read as a subheading in plain text. */
const headingMaxWords = 10;
/** Longest line read as a promotional prompt or a byline. */
const promptMaxWords = 25;

// Prompts to share, follow or subscribe: imperative openings that never start news prose.
const sharePrompt =
  /^(?:like this:?$|like it\?? share it|jetzt teilen\b|teile (?:diesen|den) (?:beitrag|artikel)|like loading|loading\s*(?:…|\.\.\.)$|see (?:more )?tweets\b|share it\b|teilen(?: mit| auf| via)?\s*:?|(?:diesen )?(?:beitrag|artikel|seite) (?:teilen|drucken|empfehlen|versenden)|gefällt mir:?|partager\b|compartir\b|condividi\b|udostępnij\b|(?:auf|on) (?:facebook|twitter|whatsapp|linkedin|xing) (?:teilen|share)|share\b(?: this| on| via| article| story)?|tweet\b|pin it\b|email this\b|print this\b|copy link\b|follow (?:us|me|@)|like us on\b|connect with us\b|join us on\b|click here\b|tap here\b|(?:rezept|artikel|seite) drucken$|print (?:recipe|article|page)$|s[ií]guenos en\b|suivez-nous\b|seguici\b|siga-nos\b|escucha (?:esta|la) nota\b|listen to (?:this|the) (?:article|story)\b|(?:(?:diesen|dieses|den|das|die) \S+ )?als pdf (?:herunterladen|downloaden)\b|download (?:this|the) \S+ as (?:a )?pdf\b)/i;
const newsletterPrompt =
  /^(?:sign up\b|subscribe\b|get (?:our|the) (?:\S+ )?(?:newsletter|daily|weekly|briefing)|(?:our|the|free) (?:\S+ )?newsletter|newsletter\b|enter your email|want (?:more|the latest)\b.{0,60}\binbox)/i;
const relatedPrompt =
  /^(?:mehr zu[mr]? \S+(?: \S+){0,3}$|weitere \S*(?:tipps|infos?|ideen|rezepte|links|news)\b|related coverage$|empfohlene (?:beiträge|artikel)|mehr (?:themen|zum thema|dazu|artikel|beiträge)\b|zum weiterlesen|weiterführende (?:links?|informationen|artikel)|lust auf mehr|(?:das|dieses) thema könnte|aktuelle (?:berichte|artikel|beiträge) aus\b|vorschau auf den nächsten|nächster (?:artikel|beitrag)|vorheriger (?:artikel|beitrag)|previous (?:post|article)|next (?:post|article)|related (?:articles?|stories|posts|content|links)$|more (?:stories|articles|news)$|(?:das )?könnte (?:sie|dich) auch interessieren|(?:auch|ebenfalls) interessant\b|mehr zum thema\b|(?:lesen sie|lies) (?:auch|mehr)\b|weitere (?:artikel|beiträge|meldungen|nachrichten|themen|informationen)\b|ähnliche (?:artikel|beiträge)\b|verwandte (?:artikel|beiträge|themen)\b|weiterlesen\b|zum (?:artikel|beitrag)\b|entdecke(?:n sie)? (?:weitere|mehr)\b|veja (?:também|mais)\b|leia (?:também|mais)\b|voir aussi\b|à lire aussi\b|lire aussi\b|leer más\b|leggi anche\b|czytaj (?:też|także|więcej)\b|read more\b|read next\b|read also\b|also read\b|more:|related(?: articles?| stories| content| coverage| reading)?\s*[:|-]|see also\b|recommended(?: for you| reading)?\s*[:|-]?|you (?:may|might) also like\b|more from\b|more on\b|(?:most )?popular (?:on|in|now)\b|most (?:read|popular|viewed|shared)\b|trending\b\s*[:|-]|watch:|listen:|read:)/i;
const edgePunctuation = /^[\s*•·|–—-]+|[\s*•·|–—-]+$/g;
const adLine =
  /^(?:advertisements?|adverts?|ads?|anzeige|werbung|publicité|publicidad|pubblicità|reklama|sponsored(?: content)?|promoted|continue reading below|story continues below(?: advertisement)?|scroll to continue(?: with content)?|this (?:slideshow|video|content|page) requires javascript\.?|(?:please )?enable javascript.{0,60})$/i;
// Prompts anywhere in a short block: "… follow us on Twitter", "… sign up for our newsletter".
const followPrompt =
  /\b(?:follow (?:us|him|her|them|me)|folg(?:en sie|t|e) (?:uns|mir))\b.{0,80}\b(?:twitter|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky|@\w)/i;
const newsletterAnywhere =
  /\b(?:sign up|subscribe|signup)\b.{0,120}\bnewsletters?\b|\bnewsletters?\b.{0,120}\b(?:sign up|subscribe|inbox)\b/i;
const commentPrompt =
  /^(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|komentarze?)$|^(?:schreibe(?:n sie)? einen kommentar|(?:keine )?kommentare? (?:schreiben|verfassen|abgeben|geschlossen|deaktiviert)|keine kommentare|hinterlasse einen kommentar|antworten$|reply$|kommentieren$|sie (?:müssen|sind)\b.{0,40}\b(?:eingeloggt|angemeldet|einloggen|anmelden)|you must be logged in\b|comments are closed|laisser un commentaire|deja un comentario)\b|^(?:leave a (?:comment|reply)|tell us what you think|have your say|join the (?:conversation|discussion)|post a comment|view comments|show comments)\b/i;
// Subscription and log-in walls: "To view the full story, please subscribe", "Already a subscriber?".
const paywallPrompt =
  /^(?:to (?:view|read|continue|access|see) (?:the |this )?(?:full |whole |rest of the )?(?:story|article|content|reading)\b.{0,60}\b(?:subscri|log ?in|sign ?in|register)|(?:already (?:a )?(?:subscriber|member)|not a subscriber|subscribe (?:now )?(?:to|for) (?:read|continue|unlimited|full)|(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:subscribers|members)|you(?:'|’)ve reached (?:your|the) (?:limit|maximum)|you have reached (?:your|the) (?:limit|maximum)|(?:log|sign) ?in to (?:read|continue|view)|register (?:now |for free )?to (?:read|continue)|become a (?:member|subscriber)|(?:jetzt )?(?:weiterlesen mit|abonnieren und weiterlesen)|dieser (?:artikel|beitrag|inhalt) ist (?:nur )?(?:für|exklusiv)|(?:sie sind )?bereits abonnent))/i;
// Post furniture of blog platforms and CMSs: filing, categories, ratings, the author box, "posted by".
const postMeta =
  /^(?:this entry was posted\b|posted (?:in|by|on|under)\b|filed (?:under|in)\b|categor(?:y|ies)\s*:|tags?\s*:|labels?\s*:|abgelegt (?:unter|in)\b|kategorien?\s*:|schlagw(?:ö|o)rter\s*:|themen\s*:|veröffentlicht (?:in|unter|von)\b|dieser (?:eintrag|beitrag|artikel|text) wurde\b|about the author\b|über (?:den|die) autor(?:in)?\b|(?:\(?noch )?keine bewertungen|bewerten\s*:|(?:wie )?bewerten sie\b|hier können sie\b.{0,40}\bbewerten|rate this\b|(?:was|is) this (?:article|page|post) (?:helpful|useful)|war dieser (?:artikel|beitrag) hilfreich|permalink\b|permalien\b|blog archive$|archiv(?:e)?$|give us feedback$)/i;
// Reading time: "4 Min Read", "Reading time: 3 minutes", "Lesezeit: 2 Minuten", "Tempo de leitura: 2 minutos".
const readTime =
  /^(?:(?:estimated )?(?:reading time|read time|lesezeit|lesedauer|temps de lecture|tempo de leitura|tiempo de lectura|czas czytania)\s*:?\s*(?:ca\.?\s*)?\d+\s*(?:[-–]\s*\d+\s*)?\S*|(?:ca\.?\s*)?\d+\s*(?:min(?:ute)?s?|minuten|minutos?)\.?\s*(?:read|lesen|lesezeit|de lecture|de leitura)?)$/i;
// Asks for the reader's support or to follow a channel, which run longer than a prompt line:
// "If you enjoyed reading this post – would you consider supporting our work?", "apóyanos", "Gefällt
// dir unser Magazin?", "¿Ya sabías que tenemos canal de Telegram?".
const supportAsk =
  /^if you (?:enjoyed|liked|like|value|appreciate)\b.{0,80}\b(?:support|donat|subscri|member)|\b(?:would you|please) consider (?:supporting|donating|subscribing|becoming)\b|\bsupport (?:our|independent|quality) (?:work|journalism|reporting)\b|\bbecome a (?:member|patron|supporter)\b|\bap[óo]yanos\b|\bhazte (?:miembro|socio|suscriptor)|\bunterstütze(?:n sie)? (?:unsere arbeit|unabhängigen journalismus)\b|\bjetzt (?:spenden|unterstützen)\b|^(?:jede (?:kleine )?spende|every (?:little |small )?donation|cada donaci[óo]n)\b|^gefällt (?:dir|ihnen|euch) unser\b|\b(?:nuestro|tenemos) canal de (?:youtube|telegram|whatsapp)\b|\b(?:our|unseren?) (?:youtube|telegram|whatsapp)[- ]?(?:channel|kanal)\b/i;
/** Longest block read as an ask for support: a paragraph of appeal, not an article. */
const askMaxWords = 60;
const galleryCounter = /^(?:image|photo|picture|slide|video)\s+\d+\s+(?:of|\/)\s+\d+$/i;
// Case-sensitive on purpose: names are capitalised, and "By the end of…" is prose.
const byline =
  /^(?:[Bb]y|BY|[Ww]ords by|[Ww]ritten by|[Rr]eporting by|[Vv]on|[Pp]ar|[Pp]or)\s+\p{Lu}[\p{L}'’.-]*(?:[\s,]+(?:and\s+|&\s+)?\p{Lu}[\p{L}'’.-]*){0,8}(?:\s*[,|–—·•-]\s*[\p{L}\p{N} ]{1,40})?$/u;
/** What follows the name in a byline after a bar, dot or dash: a date or a desk, not the name. */
const bylineTail = /\s*[|·•–—]\s*[\p{L}\p{N} ]{1,40}$/u;
const month =
  '(?:jan(?:uary|uar)?|jänner|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)\\.?';
// A line that is only a date, optionally labelled and with a time: "Published: 19 March 2021 10:04 GMT".
const dateline = new RegExp(
  `^(?:(?:published|posted|updated|last updated|first published|modified|date|veröffentlicht|veröffentlichung|publiziert|aktualisiert|erstellt|stand|datum|publicado|publié le|pubblicato)(?: on| at| am| von| le| el| il)?:?\\s*)?` +
    `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?` +
    `(?:\\d{1,2}(?:st|nd|rd|th|\\.)?\\s+${month}|${month}\\s+\\d{1,2}(?:st|nd|rd|th)?,?|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})` +
    `(?:,?\\s+\\d{4})?(?:\\s*(?:[,|•·–—-]|at)?\\s*\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[A-Z]{2,4})?)?` +
    `(?:\\s*[|•·–—-]\\s*(?:updated\\s*)?.{0,40})?\\.?$`,
  'i',
);
const bylineLabel = /^\S+(?:\s+by)?\s+/i;
// Alt text left behind as a line: Markdown image syntax in plain text, "Image may contain: …".
const altTextLine = /^!\[[^\]]*\]\([^)\s]*\)$|^\[?(?:image|photo|picture|img)(?: may contain| description)?:\s/i;
const dateLabel = /^(?:published|posted|updated|last updated|first published|modified|date)(?: on| at)?:?\s*/i;
const captionLabel =
  /^(?:(?:pictured|above|below|top|left|right|inset|caption|main picture|main image|screenshot|bildunterschrift)\s*:|(?:figure|fig\.|abbildung|abb\.|grafik|bild|tabelle|table)\s*\d{0,3}\s*:)\s*\S/i;
const sentenceEnd = /[.!?…:;,"”’)\]]$/;
const startsUpper = /^[\p{Lu}\p{N}]/u;
const quoteOpening = /^["“‘'«]/;

/**
 * Runs of characters between plain spaces (repaired text has no other white space), counted up
 * to `limit`: the rules only compare small counts, and a long paragraph need not be read to its end.
 */
function wordCount(text: string, limit: number): number {
  let count = 0;
  // From space to space with indexOf, which outruns a loop over every character.
  for (let from = 0; from < text.length && count < limit;) {
    const space = text.indexOf(' ', from);
    const end = space < 0 ? text.length : space;
    if (end > from) count++;
    from = end + 1;
  }
  return count;
}

/**
 * Classify one repaired block of running text. General shapes only: credits, captions, prompts,
 * bylines, datelines; in plain text also subheadings and lead-image captions by their shape.
 */
export function classifyBlock(text: string, context: BlockContext): BlockVerdict {
  // Every threshold below is at most promptMaxWords, so counting one past it decides them all.
  const words = wordCount(text, promptMaxWords + 1);
  if (isCreditLine(text)) return { kind: 'figure', credit: stripParens(text), rule: 'credit-line' };
  const split = splitCaptionCredit(text);
  if (split) return { kind: 'figure', caption: split.caption, credit: split.credit, rule: 'caption-with-credit' };
  if (captionLabel.test(text)) return { kind: 'figure', caption: text, rule: 'caption-label' };
  if (supportAsk.test(text) && wordCount(text, askMaxWords + 1) <= askMaxWords)
    return { kind: 'removed', removed: 'paywall', rule: 'support-ask' };
  if (words <= promptMaxWords) {
    if (adLine.test(text) || adLine.test(text.replace(edgePunctuation, '')))
      return { kind: 'removed', removed: 'advertisement', rule: 'advertisement-label' };
    if (paywallPrompt.test(text)) return { kind: 'removed', removed: 'paywall', rule: 'paywall-prompt' };
    if (readTime.test(text)) return { kind: 'removed', removed: 'other', rule: 'read-time' };
    if (postMeta.test(text)) return { kind: 'removed', removed: 'boilerplate', rule: 'post-furniture' };
    if (altTextLine.test(text)) return { kind: 'removed', removed: 'alt-text', rule: 'alt-text-line' };
    if (galleryCounter.test(text)) return { kind: 'removed', removed: 'navigation', rule: 'gallery-counter' };
    if (commentPrompt.test(text)) return { kind: 'removed', removed: 'comment', rule: 'comment-prompt' };
    if (sharePrompt.test(text) || followPrompt.test(text))
      return { kind: 'removed', removed: 'share', rule: 'share-prompt' };
    if (newsletterAnywhere.test(text)) return { kind: 'removed', removed: 'newsletter', rule: 'newsletter-prompt' };
    if (newsletterPrompt.test(text)) return { kind: 'removed', removed: 'newsletter', rule: 'newsletter-prompt' };
    if (relatedPrompt.test(text)) return { kind: 'removed', removed: 'related', rule: 'related-link' };
    // A bar of post links ("Comments feed | Comments closed | Trackback URL") is furniture when
    // one of its parts is a prompt.
    if (text.includes(' | ')) {
      for (const part of text.split(' | ')) {
        const verdict = classifyBlock(part.trim(), context);
        if (verdict.kind === 'removed' && verdict.removed !== 'byline' && verdict.removed !== 'dateline')
          return verdict;
      }
    }
    if (byline.test(text))
      return {
        kind: 'removed',
        removed: 'byline',
        rule: 'byline',
        value: text.replace(bylineLabel, '').replace(bylineTail, ''),
      };
    if (dateline.test(text))
      return {
        kind: 'removed',
        removed: 'dateline',
        rule: 'dateline',
        value: normaliseDate(text.replace(dateLabel, '')),
      };
  }
  if (context.structured || sentenceEnd.test(text) || quoteOpening.test(text) || !startsUpper.test(text)) {
    if (!context.structured && text.endsWith('?') && words <= headingMaxWords && startsUpper.test(text))
      return { kind: 'heading' };
    return { kind: 'body' };
  }
  // Plain text, no closing punctuation: a short line is a subheading, a longer one a caption
  // (prose sentences end in punctuation; captions of lead photos often do not). Before the first
  // paragraph it is the lead photo's caption: subheadings divide a body, they do not open it.
  if (words <= headingMaxWords && !context.beforeBody) return { kind: 'heading' };
  return { kind: 'figure', caption: text, rule: 'unpunctuated-caption' };
}
