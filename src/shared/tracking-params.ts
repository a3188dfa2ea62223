/**
 * Query parameters that only exist to follow the reader around (click ids, campaign tags,
 * newsletter ids): stripped from every link and picture main keeps (privacy/trackers.ts), and
 * ignored when deciding that two links name the same article (canonical-url.ts). One list, here,
 * so the two never disagree.
 */
const PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'yclid',
  'ysclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'ref_src',
  'ref_url',
  's_cid',
  'icid',
  'cmpid',
  'spm',
  '__s',
  '_ga',
  '_gl',
  'ncid',
  'ocid',
  'sr_share',
  'soc_src',
  'soc_trk',
  'rb_clickid',
  'wickedid',
  'mbid',
  'at_medium',
  'at_campaign',
]);

/** Whole families: `utm_source`, `utm_medium`… */
const PARAM_PREFIXES: readonly string[] = [
  'utm_',
  'oly_',
  'vero_',
  'wt_',
  'wt.',
  'pk_',
  'mtm_',
  'hsa_',
];

/** Whether a query parameter's name (any case) is a tracking parameter. */
export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return PARAMS.has(key) || PARAM_PREFIXES.some((prefix) => key.startsWith(prefix));
}
