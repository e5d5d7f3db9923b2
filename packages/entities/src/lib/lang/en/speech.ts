import { wordSet } from '../words.js';

/**
 * Verbs that introduce or tag reported speech and writing ("X said", "said X", "X told Y:",
 * "X wrote that"), in the forms news copy uses, one verb a line.
 */
export const speechVerbs = wordSet(`
  say says said saying
  tell tells told telling
  add adds added adding
  write writes wrote writing written
  recall recalls recalled recalling
  explain explains explained explaining
  note notes noted noting
  state states stated stating
  declare declares declared declaring
  insist insists insisted insisting
  argue argues argued arguing
  claim claims claimed claiming
  warn warns warned warning
  ask asks asked asking
  reply replies replied replying
  respond responds responded responding
  continue continues continued
  conclude concludes concluded
  remark remarks remarked remarking
  comment comments commented commenting
  acknowledge acknowledges acknowledged acknowledging
  admit admits admitted admitting
  announce announces announced announcing
  reflect reflects reflected
  describe describes described describing
  sees views viewed regards regarded
  urge urges urged urging
  suggest suggests suggested suggesting
  tweet tweets tweeted tweeting
  post posts posted
  testify testifies testified testifying
  emphasise emphasises emphasised emphasize emphasizes emphasized
  stress stresses stressed stressing
  observe observes observed
  confirm confirms confirmed confirming
  deny denies denied denying
  complain complains complained complaining
  joke jokes joked joking
  shout shouts shouted shouting
  yell yells yelled yelling
  whisper whispers whispered whispering
  chant chants chanted chanting
  report reports reported
  agree agrees agreed
  predict predicts predicted predicting
  promise promises promised promising
  pledge pledges pledged pledging
  vow vows vowed vowing
  concede concedes conceded conceding
  read reads
  believe believes believed
  recount recounts recounted recounting
  wonder wonders wondered
  muse mused quip quipped sigh sighed caution cautioned
  maintain maintains maintained maintaining
  counter counters countered countering
  point points pointed
  put puts
  rule rules ruled
  quote quoted
  exclaim exclaimed exclaiming
  remember remembers remembered
  call calls called calling
  assure assures assured assuring
  boast boasts boasted boasting
  brag brags bragged bragging
  lament laments lamented lamenting
  bemoan bemoans bemoaned bemoaning
  decry decries decried decrying
  eulogize eulogizes eulogized eulogise eulogises eulogised eulogizing eulogising
  plead pleads pleaded pleading
  beg begs begged begging
  demand demands demanded demanding
  allege alleges alleged alleging
  assert asserts asserted asserting
  order orders ordered
  text texts texted
  email emails emailed
  scold scolds scolded scolding
  blast blasts blasted blasting
  slam slams slammed slamming
  cheer cheers cheered cheering
  hail hails hailed hailing
  praise praises praised praising
  accuse accuses accused accusing
  criticise criticises criticised criticize criticizes criticized criticising criticizing
  condemn condemns condemned condemning
  denounce denounces denounced denouncing
  express expresses expressed expressing
  voice voices voiced voicing
  proclaim proclaims proclaimed proclaiming
  mock mocks mocked mocking dismiss dismisses dismissed dismissing ridicule ridicules ridiculed ridiculing
`);

/**
 * Speech verbs that more often mean something else ("read a book", "ruled out", "put it on"):
 * they tag speech only next to a quotation ("…,” the statement read), before a colon, or with the
 * quotation a few words on ("called it “a disgrace”").
 */
export const weakSpeechVerbs = wordSet(`
  read reads put puts rule rules ruled post posts posted
  continue continues continued state states point points pointed
  report reports reported note notes believe believes believed
  agree agrees agreed deny denies denied confirm confirms confirmed
  describe describes described describing promise promises promised
  sees views viewed regards regarded
  ask asks asked asking remembered remembers
  call calls called calling order orders ordered
  cheer cheers cheered cheering hail hails hailed hailing praise praises praised praising
  accuse accuses accused accusing condemn condemns condemned condemning
  criticise criticises criticised criticize criticizes criticized criticising criticizing denounce denounces denounced denouncing
  blast blasts blasted blasting slam slams slammed slamming scold scolds scolded scolding
  demand demands demanded demanding assure assures assured assuring beg begs begged begging
  eulogize eulogizes eulogized eulogise eulogises eulogised eulogizing eulogising
  express expresses expressed expressing voice voices voiced voicing
  mock mocks mocked mocking dismiss dismisses dismissed dismissing ridicule ridicules ridiculed ridiculing
`);

/**
 * Weak speech verbs that put a quotation a few words on: "called it “a disgrace”", "blasted the
 * payout on a call as “morally wrong”".
 */
export const evaluativeVerbs = wordSet(`
  call calls called calling describe describes described describing
  sees views viewed regards regarded
  cheer cheers cheered cheering hail hails hailed hailing praise praises praised praising
  accuse accuses accused accusing condemn condemns condemned condemning
  criticise criticises criticised criticize criticizes criticized criticising criticizing denounce denounces denounced denouncing
  blast blasts blasted blasting slam slams slammed slamming scold scolds scolded scolding
  eulogize eulogizes eulogized eulogise eulogises eulogised eulogizing eulogising
  express expresses expressed expressing voice voices voiced voicing
  mock mocks mocked mocking dismiss dismisses dismissed dismissing ridicule ridicules ridiculed ridiculing
`);

/**
 * Speech verbs whose object is the hearer: after "told" stands who listened ("told the BBC",
 * "told The Opie and Anthony Show"), never who spoke.
 */
export const hearerVerbs = wordSet(`tell tells told telling assure assures assured`);

/** Words before a quotation (an article between allowed) that make it a name or a label: "dubbed the “…”". */
export const labelVerbs = wordSet(`so-called dubbed termed labelled labeled branded nicknamed titled entitled named`);

/** Nouns right before a quotation that make it a name: "the slogan “…”", "the song “…”". */
export const labelNouns = wordSet(`
  slogan slogans tagline taglines motto mottos hashtag hashtags catchphrase term phrase
  song songs single album albums show shows series film films movie movies book books novel
  play musical podcast programme program campaign campaigns episode title headline
`);
